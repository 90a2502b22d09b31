using System.Text.Json.Serialization;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs;

/// <summary>
/// The input of one render job (the orchestration input): references to the uploaded portrait and recording (or, with
/// a <see cref="RenderParameters.Script"/>, no recording), the user's parameters, and for dropped files the stem whose
/// outcome goes to <c>results/{stem}.json</c>. Small by design: no media ever travels through orchestration history.
/// </summary>
public sealed record JobRequest(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("image")] ArtifactRef Image,
    [property: JsonPropertyName("audio")] ArtifactRef? Audio,
    [property: JsonPropertyName("parameters")] RenderParameters Parameters,
    [property: JsonPropertyName("result_stem")] string? ResultStem = null)
{
    /// <summary>The script spoken by the speech stage (<c>work/{jobId}/speech.wav</c>); set by the orchestration, never by users.</summary>
    [JsonPropertyName("speech")]
    public ArtifactRef? Speech { get; init; }

    /// <summary>What the video says: the uploaded recording, else the spoken script; null until the speech stage ran.</summary>
    [JsonIgnore]
    public ArtifactRef? Recording => Audio ?? Speech;
}
