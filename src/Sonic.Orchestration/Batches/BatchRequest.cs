using System.Text.Json.Serialization;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Batches;

/// <summary>
/// The input of one batch orchestration: one portrait, the items (each a whole <see cref="JobRequest"/> with its own
/// audio, parameters and job id), how many render at once, and for dropped manifests the stem whose outcome goes to
/// <c>results/{stem}.batch.json</c>. References only, like a job's input.
/// </summary>
public sealed record BatchRequest(
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("image")] ArtifactRef Image,
    [property: JsonPropertyName("items")] IReadOnlyList<JobRequest> Items,
    [property: JsonPropertyName("max_concurrency")] int MaxConcurrency,
    [property: JsonPropertyName("callback_url")] string? CallbackUrl = null,
    [property: JsonPropertyName("correlation_id")] string? CorrelationId = null,
    [property: JsonPropertyName("result_stem")] string? ResultStem = null);
