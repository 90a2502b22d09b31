using System.Globalization;

namespace Sonic.Inference.SonicEngine;

/// <summary>
/// The crop sides a model folder can actually render, from its manifest and the fixed spatial sizes of its ONNX
/// files (a graph exported at one size runs at that size only, whatever the manifest claims), and its native size:
/// the size a job runs at when the user did not choose one.
/// </summary>
public sealed record SonicResolutionSupport
{
    private const int Step = 64;

    private SonicResolutionSupport(IReadOnlyList<int> sizes, int native, bool fixedInFiles)
    {
        Sizes = sizes;
        Native = native;
        FixedInFiles = fixedInFiles;
    }

    /// <summary>Every crop side the folder renders, ascending.</summary>
    public IReadOnlyList<int> Sizes { get; }

    public int Native { get; }

    /// <summary>True when the ONNX files themselves fix the size (static spatial dimensions).</summary>
    public bool FixedInFiles { get; }

    public int Smallest => Sizes[0];

    /// <summary>
    /// What a folder supports: <paramref name="fixedSide"/> alone when its files fix one (the files win over the
    /// manifest), else the manifest's sizes or range. The native size is the manifest's, else the fixed size, else the
    /// supported size nearest 512 (upstream's training size).
    /// </summary>
    public static SonicResolutionSupport From(SonicResolutionLimits manifest, int? fixedSide)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        IReadOnlyList<int> sizes = fixedSide is { } side
            ? [side]
            : manifest.Sizes is { Count: > 0 } listed
                ? [.. listed.Distinct().Order()]
                : [.. Enumerable.Range(0, Math.Max(0, ((manifest.Max - manifest.Min) / Step) + 1)).Select(i => manifest.Min + (i * Step))];
        if (sizes.Count == 0)
        {
            sizes = [manifest.Min];
        }

        var native = manifest.Native is { } n && sizes.Contains(n) ? n : Nearest(sizes, 512);
        return new SonicResolutionSupport(sizes, native, fixedSide is not null);
    }

    public bool Supports(int side) => Sizes.Contains(side);

    /// <summary>The supported side closest to <paramref name="side"/> (the smaller one on a tie: less GPU memory).</summary>
    public int Nearest(int side) => Nearest(Sizes, side);

    /// <summary>"512 px only", "512, 768 px" or "256–1024 px in steps of 64".</summary>
    public string Describe()
    {
        if (Sizes.Count == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Sizes[0]} px only");
        }

        var contiguous = Sizes.Zip(Sizes.Skip(1), (a, b) => b - a).All(gap => gap == Step);
        return contiguous && Sizes.Count > 2
            ? string.Create(CultureInfo.InvariantCulture, $"{Sizes[0]}–{Sizes[^1]} px in steps of {Step}")
            : string.Join(", ", Sizes.Select(s => s.ToString(CultureInfo.InvariantCulture))) + " px";
    }

    private static int Nearest(IReadOnlyList<int> sizes, int side)
        => sizes.MinBy(s => ((long)Math.Abs(s - side) * 2) + (s > side ? 1 : 0));
}
