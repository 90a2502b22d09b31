using System.ComponentModel.DataAnnotations;
using Sonic.Inference.SonicEngine;

namespace Sonic.Pipeline.Models;

/// <summary>
/// Section <c>Sonic:Models</c>: where this host finds the operator's Sonic ONNX folder (environment variable
/// <c>Sonic__Models__SonicDirectory</c>; the CLI's <c>--model-dir</c> sets it for one run). Unset: only the built-in
/// animator is available. Whether the folder satisfies the contract is checked by <see cref="AnimatorCatalog"/>
/// (a broken folder is logged and leaves the host on the built-in animator; it does not stop the host).
/// </summary>
public sealed class SonicModelOptions : IValidatableObject
{
    public const string SectionName = "Sonic:Models";

    /// <summary>The Sonic model folder (absolute, or relative to the working directory); null or empty: none.</summary>
    public string? SonicDirectory { get; set; }

    /// <summary>
    /// Where the sampler keeps the latents between UNet calls: <c>Auto</c> (on the GPU when the UNet runs on CUDA,
    /// with a logged fall-back to the host if that path fails), <c>Host</c>, or <c>Device</c>.
    /// </summary>
    public SonicSamplerPlacement SamplerPlacement { get; set; } = SonicSamplerPlacement.Auto;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SonicDirectory is { Length: > 0 } directory
            && (string.IsNullOrWhiteSpace(directory) || directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(SonicDirectory)} must be a folder path (it is '{directory}').", [nameof(SonicDirectory)]);
        }
    }
}
