namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// Measurements of the preprocess stage (the media itself is in <c>work/{jobId}/</c>): the kept audio span, the
/// number of 25 fps frames it needs, the crop side the animator gets, warnings for the user, and whether the face
/// came from the face cache (<see cref="Stages.FaceCache"/>: hit, miss or off).
/// </summary>
public sealed record PreprocessResult(
    double DurationSeconds,
    double SourceDurationSeconds,
    double TrimStartSeconds,
    int FrameCount,
    int CropSide,
    IReadOnlyList<string> Warnings,
    string? FaceCache = null);
