using System.Text.Json;
using System.Text.Json.Serialization;
using Sonic.Orchestration.Status;

namespace Sonic.Orchestration.Webhooks;

/// <summary>
/// The body of every callback, in the Standard Webhooks shape: the event <see cref="Type"/>, when it happened, and in
/// <see cref="Data"/> the same document the status API returns for the job or batch.
/// </summary>
public sealed record WebhookPayload<T>(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("data")] T Data)
{
    public string ToJson() => JsonSerializer.Serialize(this, VideoApiJson.Options);
}
