using System.Text.Json.Serialization;
using Sonic.Pipeline.Jobs;

namespace Sonic.Orchestration.Status;

/// <summary>
/// One job as <c>GET /api/videos/{id}</c> reports it. <see cref="Status"/> is one of <see cref="VideoJobStates"/>;
/// <see cref="Result"/> is set when completed, <see cref="Error"/> when failed; <see cref="Webhook"/> once a callback's delivery has ended.
/// </summary>
public sealed record VideoJobStatus(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("stage")] string? Stage,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("eta_seconds")] double? EtaSeconds,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("status_url")] string StatusUrl,
    [property: JsonPropertyName("result")] VideoJobResult? Result,
    [property: JsonPropertyName("error")] JobError? Error,
    [property: JsonPropertyName("correlation_id")] string? CorrelationId = null,
    [property: JsonPropertyName("webhook")] WebhookDeliveryLog? Webhook = null);
