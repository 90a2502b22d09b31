namespace Sonic.Inference.SonicEngine;

/// <summary>
/// The manifest's <c>resolution</c>: the crop sides (pixels) the folder's networks were exported and checked for —
/// <see cref="Sizes"/> when the export lists them, else every multiple of 64 from <see cref="Min"/> to <see cref="Max"/> —
/// and the <see cref="Native"/> size the weights were trained at (upstream: 512).
/// </summary>
public sealed record SonicResolutionLimits(int Min = 256, int Max = 1024)
{
    public IReadOnlyList<int>? Sizes { get; init; }

    public int? Native { get; init; }
}
