using System.Globalization;
using Sonic.Inference.Onnx;
using Sonic.Media.Errors;

namespace Sonic.Inference.SonicEngine;

/// <summary>
/// Refuses a job whose crop side needs more GPU memory than is free, before sampling starts, with
/// <c>gpu_memory_insufficient</c> and the numbers — instead of an out-of-memory failure halfway through the steps.
/// A job's need beyond the loaded weights is the manifest's measured figure for its side (the export script's
/// <c>--check</c>: the UNet session's weights and one call's activations) less the UNet's weights, else the paper
/// estimate of the activations. Jobs running at once each reserve their need. Once a side has run, ONNX Runtime's
/// arena keeps that memory, so a job of that side or smaller is not checked again.
/// </summary>
public sealed class SonicMemoryGuard(IGpuMemoryProbe probe, SonicManifest manifest, SonicResolutionSupport resolutions, long unetWeightBytes, int deviceId = 0)
{
    private const double Gib = 1024.0 * 1024 * 1024;

    // Paper estimate (fp16, fused attention, batch 3 × 25): ~4.7 GiB of weights (UNet ~3.1, CLIP ~1.3, VAE, audio)
    // plus activations that grow with the token count (side²).
    private const double PaperWeightsGib = 4.7;
    private const double PaperActivationsGibAt512 = 5.3;

    private readonly Lock gate = new();
    private int largestRun;
    private double reservedGib;

    /// <summary>Peak GPU memory (GiB) a job at <paramref name="side"/> needs, all weights included (the table in models/README).</summary>
    public static double RequiredGib(SonicManifest manifest, int side)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.MemoryGib.TryGetValue(Key(side), out var measured) ? measured : PaperWeightsGib + PaperActivations(side);
    }

    /// <summary>
    /// Reserves what a job at <paramref name="side"/> needs beyond the loaded weights, or throws
    /// <see cref="SonicJobException"/> (<c>gpu_memory_insufficient</c>) when it cannot fit. Dispose the reservation
    /// when the job's sampling ends.
    /// </summary>
    public IDisposable Reserve(int side)
    {
        var need = NeedGib(side);
        lock (gate)
        {
            if (side > largestRun && probe.FreeBytes(deviceId) is { } free)
            {
                var freeGib = (free / Gib) - reservedGib;
                if (need > freeGib)
                {
                    var fits = resolutions.Sizes.Where(s => NeedGib(s) <= freeGib).DefaultIfEmpty().Max();
                    var advice = fits > 0 ? $"use min_resolution {fits}, or a GPU with more memory" : "use a GPU with more memory";
                    throw new SonicJobException(
                        ErrorCodes.GpuMemoryInsufficient,
                        string.Create(CultureInfo.InvariantCulture, $"A Sonic job at {side} px needs about {need:F1} GiB of GPU memory beyond the loaded weights and the GPU has {freeGib:F1} GiB free; {advice}."));
                }
            }

            reservedGib += need;
        }

        return new Reservation(this, side, need);
    }

    /// <summary>
    /// The device nvidia-smi should ask about for ONNX Runtime's device <paramref name="ortDevice"/>: CUDA numbers the
    /// devices <c>CUDA_VISIBLE_DEVICES</c> lists, nvidia-smi all of them.
    /// </summary>
    public static int PhysicalDevice(int ortDevice, string? visibleDevices)
    {
        var listed = (visibleDevices ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return ortDevice < listed.Length && int.TryParse(listed[ortDevice], NumberStyles.Integer, CultureInfo.InvariantCulture, out var physical) ? physical : ortDevice;
    }

    private static double PaperActivations(int side) => PaperActivationsGibAt512 * (side / 512.0) * (side / 512.0);

    private static string Key(int side) => side.ToString(CultureInfo.InvariantCulture);

    private double NeedGib(int side)
        => Math.Max(0.5, manifest.MemoryGib.TryGetValue(Key(side), out var measured) ? measured - (unetWeightBytes / Gib) : PaperActivations(side));

    private void Release(int side, double need)
    {
        lock (gate)
        {
            reservedGib = Math.Max(0, reservedGib - need);
            largestRun = Math.Max(largestRun, side);
        }
    }

    private sealed class Reservation(SonicMemoryGuard guard, int side, double need) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                guard.Release(side, need);
            }
        }
    }
}
