using System.Globalization;
using Sonic.Inference.Onnx;
using Sonic.Media.Errors;

namespace Sonic.Inference.SonicEngine;

/// <summary>
/// Refuses a job whose crop side needs more GPU memory than is free, before sampling starts, with
/// <c>gpu_memory_insufficient</c> and the numbers — instead of an out-of-memory failure halfway through the steps.
/// A job's need is the manifest's measured figure for its side (the export script's <c>--check</c>) or the paper
/// estimate, less the weights the sessions already hold. Once a side has run, ONNX Runtime's arena keeps that memory,
/// so jobs of that side or smaller are not checked again (free memory then no longer shows what they can use).
/// </summary>
public sealed class SonicMemoryGuard(IGpuMemoryProbe probe, SonicManifest manifest, SonicResolutionSupport resolutions, long weightBytes, int deviceId = 0)
{
    private const double Gib = 1024.0 * 1024 * 1024;

    // Paper estimate (fp16, fused attention, batch 3 × 25): weights plus activations that grow with the token count.
    private const double PaperWeightsGib = 4.7;
    private const double PaperActivationsGibAt512 = 5.3;

    private int _largestRun;

    /// <summary>Peak GPU memory (GiB) a job at crop side <paramref name="side"/> needs, weights included.</summary>
    public static double RequiredGib(SonicManifest manifest, int side)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.MemoryGib.TryGetValue(side.ToString(CultureInfo.InvariantCulture), out var measured)
            ? measured
            : PaperWeightsGib + (PaperActivationsGibAt512 * (side / 512.0) * (side / 512.0));
    }

    /// <summary>Throws <see cref="SonicJobException"/> (<c>gpu_memory_insufficient</c>) when side cannot fit.</summary>
    public void Check(int side)
    {
        if (side <= Volatile.Read(ref _largestRun) || probe.FreeBytes(deviceId) is not { } free)
        {
            return;
        }

        var needed = Math.Max(0.5, RequiredGib(manifest, side) - (weightBytes / Gib));
        var freeGib = free / Gib;
        if (needed > freeGib)
        {
            var fits = resolutions.Sizes.Where(s => Math.Max(0.5, RequiredGib(manifest, s) - (weightBytes / Gib)) <= freeGib).DefaultIfEmpty().Max();
            var advice = fits > 0 ? $"use min_resolution {fits}, or a GPU with more memory" : "use a GPU with more memory";
            throw new SonicJobException(
                ErrorCodes.GpuMemoryInsufficient,
                string.Create(CultureInfo.InvariantCulture, $"A Sonic job at {side} px needs about {needed:F1} GiB of GPU memory beyond the loaded weights and the GPU has {freeGib:F1} GiB free; {advice}."));
        }
    }

    /// <summary>Records that a job at <paramref name="side"/> ran: the arena now holds what it needed.</summary>
    public void Ran(int side)
    {
        int seen;
        while (side > (seen = Volatile.Read(ref _largestRun)) && Interlocked.CompareExchange(ref _largestRun, side, seen) != seen)
        {
        }
    }
}
