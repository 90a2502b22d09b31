using Sonic.Pipeline.Rendering;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// What inference produced: <see cref="FrameCount"/> square frames of <see cref="FrameSide"/> pixels in
/// <c>work/{jobId}/frames.mkv</c>, made by <see cref="Animator"/>. The contract stays the same when inference moves
/// to the GPU service (issue 5): it writes the same archive, the later stages do not change.
/// </summary>
public sealed record InferenceResult(int FrameCount, int FrameSide, AnimatorReport Animator);
