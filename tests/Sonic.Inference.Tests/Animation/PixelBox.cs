namespace Sonic.Inference.Tests.Animation;

/// <summary>A pixel rectangle [Left, Right) × [Top, Bottom).</summary>
internal readonly record struct PixelBox(int Left, int Top, int Right, int Bottom)
{
    /// <summary>The same box <paramref name="rows"/> rows lower.</summary>
    public PixelBox Shifted(int rows) => this with { Top = Top + rows, Bottom = Bottom + rows };

    /// <summary>Mean absolute difference of the RGB channels of two RGBA images of side <paramref name="size"/>.</summary>
    public double MeanAbsDiff(byte[] a, byte[] b, int size)
    {
        long sum = 0;
        long count = 0;
        for (var y = Top; y < Bottom; y++)
        {
            for (var x = Left; x < Right; x++)
            {
                var i = ((y * size) + x) * 4;
                sum += Math.Abs(a[i] - b[i]) + Math.Abs(a[i + 1] - b[i + 1]) + Math.Abs(a[i + 2] - b[i + 2]);
                count += 3;
            }
        }

        return (double)sum / count;
    }
}
