using Sonic.Media.Audio;

namespace Sonic.Inference.Animation;

/// <summary>
/// Everything an animator needs for one job. One output frame per row of <see cref="Audio"/> (25 fps).
/// <see cref="DynamicScale"/> scales mouth/expression amplitude, <see cref="MotionScale"/> head motion.
/// <see cref="Speech16k"/> is the same (trimmed) speech as 16 kHz mono samples: Sonic's Whisper front end reads it;
/// the built-in animator needs only <see cref="Audio"/>.
/// </summary>
public sealed record AnimationRequest(
    PortraitCrop Portrait,
    AudioFeatures Audio,
    float DynamicScale,
    float MotionScale,
    int Seed,
    int InferenceSteps,
    ReadOnlyMemory<float> Speech16k = default);
