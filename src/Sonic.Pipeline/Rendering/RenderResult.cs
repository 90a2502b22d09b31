using System.Text.Json.Serialization;
using Sonic.Pipeline.PostProcessing;

namespace Sonic.Pipeline.Rendering;

/// <summary>
/// What a finished render reports to the user (CLI text and <c>--json</c>, later the status API); <see cref="CropSide"/>
/// is the side of the face crop the animator was given, <see cref="FaceDetector"/> the detector that found the face,
/// <see cref="ElapsedSeconds"/> the whole render's wall clock (less than the stages' sum: the animator works ahead of
/// the compositor and the encoder).
/// </summary>
public sealed record RenderResult(
    [property: JsonPropertyName("output")] string OutputPath,
    [property: JsonPropertyName("file_name")] string FileName,
    [property: JsonPropertyName("duration")] double DurationSeconds,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("frames")] int FrameCount,
    [property: JsonPropertyName("fps")] int FramesPerSecond,
    [property: JsonPropertyName("size_bytes")] long SizeBytes,
    [property: JsonPropertyName("animator")] AnimatorReport Animator,
    [property: JsonPropertyName("timings")] IReadOnlyList<StageTiming> Timings,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings,
    [property: JsonPropertyName("lipsync")] LipSyncReport? LipSync = null,
    [property: JsonPropertyName("motion")] MotionReport? Motion = null,
    [property: JsonPropertyName("crop_side")] int? CropSide = null,
    [property: JsonPropertyName("face_detector")] string? FaceDetector = null,
    [property: JsonPropertyName("elapsed")] double? ElapsedSeconds = null,
    [property: JsonPropertyName("poster")] string? PosterPath = null,
    [property: JsonPropertyName("captions")] IReadOnlyList<string>? CaptionPaths = null,
    [property: JsonPropertyName("trim_start")] double? TrimStartSeconds = null);

/// <summary>Which animator made the frames, said honestly: the built-in fallback is never called Sonic.</summary>
public sealed record AnimatorReport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("execution_provider")] string ExecutionProvider,
    [property: JsonPropertyName("is_sonic")] bool IsSonic);

/// <summary>Seconds one stage was busy (the animator's overlap the compositor's and the encoder's).</summary>
public sealed record StageTiming(
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("seconds")] double Seconds);
