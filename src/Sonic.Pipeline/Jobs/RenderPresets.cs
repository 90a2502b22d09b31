using Sonic.Media.Errors;

namespace Sonic.Pipeline.Jobs;

/// <summary>Named sets of parameters; a preset is the baseline that a parameters file and options then override.</summary>
public static class RenderPresets
{
    /// <summary>
    /// Upstream Sonic's demo choices (jixiaozhong/Sonic demo.py and pipeline): expand_ratio 0.5, 512 px crops,
    /// dynamic_scale = motion_scale = 1.0 applied to both motion buckets, no silence trimming, no lip-sync calibration
    /// or smoothing, truncated frame bytes and the soft face mask. For comparing this engine with upstream.
    /// </summary>
    public const string Upstream = "upstream";

    public static IReadOnlyList<string> Names { get; } = [Upstream];

    /// <summary>The parameters of preset <paramref name="name"/>; <c>invalid_parameter</c> for an unknown name.</summary>
    public static RenderParameters Get(string name) => name.ToLowerInvariant() switch
    {
        Upstream => new RenderParameters
        {
            ExpandRatio = 0.5,
            MinResolution = 512,
            DynamicScale = 1.0,
            MotionScale = 1.0,
            TrimSilence = false,
            CalibrateLipsync = false,
            SmoothMotion = false,
            UpstreamNumerics = true,
        },
        _ => throw new SonicJobException(ErrorCodes.InvalidParameter, $"Preset '{name}' is unknown; the presets are: {string.Join(", ", Names)}."),
    };
}
