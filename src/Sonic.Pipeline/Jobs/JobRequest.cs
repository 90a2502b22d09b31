using System.Text.Json.Serialization;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs;

/// <summary>
/// The input of one render job (the orchestration input): references to the two uploaded halves, the user's
/// parameters, and for dropped files the stem whose outcome goes to <c>results/{stem}.json</c>. Small by design:
/// no media ever travels through orchestration history.
/// </summary>
public sealed record JobRequest(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("image")] ArtifactRef Image,
    [property: JsonPropertyName("audio")] ArtifactRef Audio,
    [property: JsonPropertyName("parameters")] RenderParameters Parameters,
    [property: JsonPropertyName("result_stem")] string? ResultStem = null);
