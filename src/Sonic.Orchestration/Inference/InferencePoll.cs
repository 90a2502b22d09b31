using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Inference;

/// <summary>
/// One poll of the service: <see cref="Known"/> false when it has no such job (it restarted); when succeeded, the
/// <c>inference.json</c> it wrote (<see cref="Result"/>), small enough for history.
/// </summary>
public sealed record InferencePoll(
    bool Known, string? State = null, double Progress = 0, string? ErrorCode = null, string? ErrorMessage = null, InferenceResult? Result = null);
