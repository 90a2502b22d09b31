using Sonic.Pipeline.Faces;
using Sonic.Pipeline.Rendering;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// What inference produced (<c>inference.json</c>): <see cref="FrameCount"/> square frames of <see cref="FrameSide"/>
/// pixels at <see cref="Fps"/> in <c>work/{jobId}/frames.mkv</c>, made by <see cref="Animator"/> (whose execution
/// provider says CUDA or CPU), from the <see cref="Crop"/> box of the source image, with the stage's
/// <see cref="Timings"/> and the animator's <see cref="Warnings"/> for the user; <see cref="ConditioningCache"/> says
/// whether the portrait's conditioning came from the face cache (hit, miss; null when the animator makes none). The in-process activity and the GPU service write the same document through the same
/// <see cref="InferenceStage"/>, so the later stages do not know which one ran.
/// </summary>
public sealed record InferenceResult(
    int FrameCount,
    int FrameSide,
    AnimatorReport Animator,
    double Fps = Sonic.Media.Video.FrameArchive.DefaultFps,
    CropPlan? Crop = null,
    InferenceTimings? Timings = null,
    IReadOnlyList<string>? Warnings = null,
    string? ConditioningCache = null);
