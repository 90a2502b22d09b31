using System.Text.Json.Serialization;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Rendering;

namespace Sonic.Orchestration.Status;

/// <summary>What a completed job produced: the public MP4, its preview page, what made it, and where the time went
/// (<see cref="Sonic.Pipeline.Jobs.JobTimingStages"/>, in pipeline order).</summary>
public sealed record VideoJobResult(
    [property: JsonPropertyName("video_url")] string? VideoUrl,
    [property: JsonPropertyName("preview_url")] string? PreviewUrl,
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("duration")] double? DurationSeconds,
    [property: JsonPropertyName("size_bytes")] long? SizeBytes,
    [property: JsonPropertyName("animator")] AnimatorReport? Animator,
    [property: JsonPropertyName("timings")] IReadOnlyList<StageTiming>? Timings = null,
    [property: JsonPropertyName("poster_url")] string? PosterUrl = null,
    [property: JsonPropertyName("face_cache")] string? FaceCache = null,
    [property: JsonPropertyName("speech")] SpeechReport? Speech = null,
    [property: JsonPropertyName("captions")] CaptionLinks? Captions = null);
