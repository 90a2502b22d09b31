namespace Sonic.Inference.SonicEngine;

/// <summary>
/// The optional <c>manifest.json</c> of a model folder: per-file element type ("fp16" / "fp32"), resolution limits
/// and constants, and the GPU memory measured per crop side. Without one, upstream constants apply and dtypes are read from the files.
/// </summary>
public sealed record SonicManifest
{
    public const string FileName = "manifest.json";

    public int Version { get; init; } = 1;

    /// <summary>File name → "fp16" or "fp32" for the file's fp16-or-fp32 tensors.</summary>
    public IReadOnlyDictionary<string, string> Dtypes { get; init; } = new Dictionary<string, string>();

    public SonicResolutionLimits Resolution { get; init; } = new();

    public SonicConstants Constants { get; init; } = new();

    /// <summary>Crop side (as text) → GPU memory in GiB one job took, measured by the export script's --check.</summary>
    public IReadOnlyDictionary<string, double> MemoryGib { get; init; } = new Dictionary<string, double>();
}
