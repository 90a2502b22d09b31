using Sonic.Media.Audio;

namespace Sonic.Inference.Animation;

/// <summary>
/// Everything an animator needs for one job. One output frame per row of <see cref="Audio"/> (25 fps).
/// <see cref="DynamicScale"/> scales mouth/expression amplitude, <see cref="MotionScale"/> head motion.
/// </summary>
public sealed record AnimationRequest(
    PortraitCrop Portrait,
    AudioFeatures Audio,
    float DynamicScale,
    float MotionScale,
    int Seed,
    int InferenceSteps);
