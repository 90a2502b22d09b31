namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// Measurements of the preprocess stage (the media itself is in <c>work/{jobId}/</c>): the kept audio span, the
/// number of 25 fps frames it needs, the crop side the animator gets, and warnings for the user.
/// </summary>
public sealed record PreprocessResult(
    double DurationSeconds,
    double SourceDurationSeconds,
    double TrimStartSeconds,
    int FrameCount,
    int CropSide,
    IReadOnlyList<string> Warnings);
