namespace Sonic.Inference.Animation.Builtin;

/// <summary>How the full-resolution part of the graph is split; only speed differs, never the pixels.</summary>
/// <param name="Bands">
/// Horizontal bands sampled separately. ONNX Runtime's GridSample builds a per-pixel sampling plan (56 bytes a pixel)
/// on every run; at 1024² one plan is 56 MB, freshly mapped each time. Eight bands keep each plan under glibc's
/// mmap threshold up to 2048² and halve the CPU time at 1024² (measured: 52 → 24 ms per frame on one core).
/// </param>
internal sealed record GraphLayout(int Bands)
{
    public static GraphLayout Default { get; } = new(Bands: 8);
}
