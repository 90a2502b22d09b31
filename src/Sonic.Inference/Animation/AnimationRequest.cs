using Sonic.Media.Audio;

namespace Sonic.Inference.Animation;

/// <summary>
/// Everything an animator needs for one job. One output frame per row of <see cref="Audio"/> (25 fps).
/// <see cref="DynamicScale"/> scales mouth/expression amplitude, <see cref="MotionScale"/> head motion.
/// <see cref="Speech16k"/> is the same (trimmed) speech as 16 kHz mono samples: Sonic's Whisper front end reads it;
/// the built-in animator needs only <see cref="Audio"/>. <see cref="WorkDone"/>, when given, hears the animator's own
/// estimate of its share of the work done (0 to 1) from animators whose first frame comes late (Sonic samples every
/// frame before the first one leaves); animators that stream from the start need not report. <see cref="SizePolicy"/>
/// says what to do when the model cannot render the crop's size; <see cref="Warn"/> hears sentences for the result's
/// warnings.
/// </summary>
public sealed record AnimationRequest(
    PortraitCrop Portrait,
    AudioFeatures Audio,
    float DynamicScale,
    float MotionScale,
    int Seed,
    int InferenceSteps,
    ReadOnlyMemory<float> Speech16k = default,
    IProgress<double>? WorkDone = null,
    CropSizePolicy SizePolicy = CropSizePolicy.Nearest,
    Action<string>? Warn = null)
{
    /// <summary>
    /// Sonic only: compute as upstream's pipeline does where this product chose differently — the face mask drawn at
    /// the source crop's size and Lanczos-resized (soft edge), frame bytes truncated rather than rounded, and both
    /// motion buckets scaled by <see cref="DynamicScale"/> (for parity checks against upstream).
    /// </summary>
    public bool UpstreamNumerics { get; init; }

    /// <summary>Sonic only: hears every intermediate stage (parity checks against upstream's dump).</summary>
    public SonicEngine.Parity.ISonicTrace? Trace { get; init; }

    /// <summary>Sonic only: the standard-normal noise ε [N,4,h,w] to start from instead of the seed's (parity checks).</summary>
    public float[]? Noise { get; init; }

    /// <summary>
    /// The portrait's conditioning from an earlier job with the same crop and model (the face cache); used when its
    /// side is the one rendered, else made again.
    /// </summary>
    public PortraitConditioning? Conditioning { get; init; }

    /// <summary>Hears the portrait's conditioning when this job had to make it, so the caller can keep it.</summary>
    public Action<PortraitConditioning>? ConditioningMade { get; init; }
}
