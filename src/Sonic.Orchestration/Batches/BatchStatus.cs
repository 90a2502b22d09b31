using System.Text.Json.Serialization;
using Sonic.Orchestration.Status;
using Sonic.Pipeline.Jobs;

namespace Sonic.Orchestration.Batches;

/// <summary>
/// One batch as <c>GET /api/batches/{id}</c> reports it, the <c>data</c> of its <c>batch.completed</c> callback and
/// the body of <c>results/{stem}.batch.json</c>: the state, counts by state, and every item's own job status
/// (<see cref="Error"/> instead when a dropped manifest was refused before any item started).
/// </summary>
public sealed record BatchStatus(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("status_url")] string StatusUrl,
    [property: JsonPropertyName("counts")] BatchCounts Counts,
    [property: JsonPropertyName("items")] IReadOnlyList<VideoJobStatus> Items,
    [property: JsonPropertyName("correlation_id")] string? CorrelationId = null,
    [property: JsonPropertyName("webhook")] WebhookDeliveryLog? Webhook = null,
    [property: JsonPropertyName("error")] JobError? Error = null);

/// <summary>How many items are in each state (the five job states).</summary>
public sealed record BatchCounts(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("pending")] int Pending,
    [property: JsonPropertyName("running")] int Running,
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("cancelled")] int Cancelled)
{
    public static BatchCounts Of(IReadOnlyCollection<VideoJobStatus> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        int Count(string state) => items.Count(i => i.Status == state);
        return new BatchCounts(
            items.Count,
            Count(VideoJobStates.Pending),
            Count(VideoJobStates.Running),
            Count(VideoJobStates.Completed),
            Count(VideoJobStates.Failed),
            Count(VideoJobStates.Cancelled));
    }
}
