using System.Text.Json.Serialization;
using Sonic.Pipeline.PostProcessing;
using Sonic.Pipeline.Rendering;

namespace Sonic.Pipeline.Jobs;

/// <summary>
/// What a finished job produced: the public MP4, its poster and preview page, and what made it (and whether the
/// portrait's face came from the face cache; for a script, who spoke it and where its captions are). Also the body of
/// <c>results/{stem}.json</c> for dropped files (with <see cref="Error"/> set instead on failure). <see cref="Timings"/>
/// says where a completed job's time went (<see cref="JobTimingStages"/>, in pipeline order); <see cref="Warnings"/>
/// what the user should know about how it was made (a small face, a crop rendered at another size);
/// <see cref="Webhook"/> how the callback went, once its delivery has ended.
/// </summary>
public sealed record JobOutcome(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("video_url")] string? VideoUrl = null,
    [property: JsonPropertyName("preview_url")] string? PreviewUrl = null,
    [property: JsonPropertyName("file_name")] string? FileName = null,
    [property: JsonPropertyName("duration")] double? DurationSeconds = null,
    [property: JsonPropertyName("size_bytes")] long? SizeBytes = null,
    [property: JsonPropertyName("width")] int? Width = null,
    [property: JsonPropertyName("height")] int? Height = null,
    [property: JsonPropertyName("animator")] AnimatorReport? Animator = null,
    [property: JsonPropertyName("error")] JobError? Error = null,
    [property: JsonPropertyName("lipsync")] LipSyncReport? LipSync = null,
    [property: JsonPropertyName("motion")] MotionReport? Motion = null,
    [property: JsonPropertyName("timings")] IReadOnlyList<StageTiming>? Timings = null,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string>? Warnings = null,
    [property: JsonPropertyName("correlation_id")] string? CorrelationId = null,
    [property: JsonPropertyName("webhook")] WebhookDeliveryLog? Webhook = null,
    [property: JsonPropertyName("poster_url")] string? PosterUrl = null,
    [property: JsonPropertyName("face_cache")] string? FaceCache = null,
    [property: JsonPropertyName("speech")] SpeechReport? Speech = null,
    [property: JsonPropertyName("captions")] CaptionLinks? Captions = null)
{
    public const string Completed = "completed";
    public const string Failed = "failed";
}
