using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Jobs;

/// <summary>
/// How one signed callback went: the event, its <c>webhook-id</c> (the same on every attempt), whether a receiver
/// accepted it, how many attempts were made, and the last HTTP status or error.
/// </summary>
public sealed record WebhookDeliveryLog(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("webhook_id")] string WebhookId,
    [property: JsonPropertyName("delivered")] bool Delivered,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("last_status")] int? LastStatus,
    [property: JsonPropertyName("last_error")] string? LastError = null);
