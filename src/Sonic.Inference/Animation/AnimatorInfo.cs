namespace Sonic.Inference.Animation;

/// <summary>
/// What ran, in words a user sees: <see cref="Name"/> (e.g. "builtin"), a <see cref="Description"/> that says
/// honestly whether this is Sonic, and the ONNX Runtime execution provider that ran it ("CUDA" or "CPU").
/// <see cref="NativeResolution"/> is the crop side a job runs at when the user does not choose one (null: any).
/// <see cref="ModelFingerprint"/> names the exact model files for animators whose portrait conditioning can be kept
/// (<see cref="PortraitConditioning"/>); null for those that make none.
/// </summary>
public sealed record AnimatorInfo(
    string Name, string Description, string ExecutionProvider, bool IsSonic, int? NativeResolution = null, string? ModelFingerprint = null);
