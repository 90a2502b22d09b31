namespace Sonic.Inference.SonicEngine.Parity;

/// <summary>
/// The stages a parity dump holds, in pipeline order, with the shape each has and the default tolerance (max abs
/// difference) within which this engine and upstream count as agreeing. models/README.md documents the format.
/// </summary>
public static class SonicParityStages
{
    public const string CropBox = "crop_box";
    public const string FaceMask = "face_mask";
    public const string ClipPixels = "clip_pixels";
    public const string ClipEmbeds = "clip_embeds";
    public const string RefLatent = "ref_latent";
    public const string LogMel = "log_mel";
    public const string WhisperStates = "whisper_states";
    public const string AudioTokens = "audio_tokens";
    public const string Buckets = "buckets";
    public const string Sigmas = "sigmas";
    public const string Frames = "frames";

    /// <summary>"latents_0" is the initial noisy latent, "latents_k" the latents after step k.</summary>
    public static string Latents(int step) => FormattableString.Invariant($"latents_{step}");

    /// <summary>Default tolerances: pixels for boxes, values for tensors (fp16 networks agree to ~1e-2).</summary>
    public static double DefaultTolerance(string stage) => stage switch
    {
        CropBox => 2.0,
        FaceMask => 0.02,
        ClipPixels => 0.05,
        LogMel => 1e-3,
        Sigmas => 1e-4,
        Frames => 0.02,
        _ when stage.StartsWith("latents_", StringComparison.Ordinal) => 0.05,
        _ => 0.02,
    };
}
