using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// One frame's face box as a small luma grid for <see cref="MotionSmoother"/>'s block matching, with a half-size
/// copy for the coarse search and 1/0 weights that leave the mouth out (shared between the two grids a smoother
/// swaps, since the mouth box does not move). Buffers are allocated once per stream.
/// The block matching runs over each grid as one contiguous run of cells: a second set of weights also zeroes the
/// <c>margin</c> columns at either side, so a shifted cell never wraps into the next row.
/// </summary>
internal sealed class TrackingGrid
{
    /// <param name="margin">The largest shift searched on this grid (half of it on the half-size grid).</param>
    /// <param name="isMasked">True for a cell (x, y) that must not count (the mouth).</param>
    public TrackingGrid(int width, int height, int margin, Func<int, int, bool> isMasked)
    {
        ArgumentNullException.ThrowIfNull(isMasked);
        (Width, Height, Margin) = (width, height, margin);
        (CoarseWidth, CoarseHeight) = (Math.Max(1, width / 2), Math.Max(1, height / 2));
        Luma = new float[width * height];
        Coarse = new float[CoarseWidth * CoarseHeight];
        Valid = new float[Luma.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                Valid[(y * width) + x] = isMasked(x, y) ? 0 : 1;
            }
        }

        // A coarse cell counts only when all of its fine cells do, so no mouth pixel leaks into the coarse search.
        CoarseValid = new float[Coarse.Length];
        for (var y = 0; y < CoarseHeight; y++)
        {
            for (var x = 0; x < CoarseWidth; x++)
            {
                CoarseValid[(y * CoarseWidth) + x] = Block(Valid, width, height, x, y);
            }
        }

        Inner = Inside(Valid, width, margin);
        CoarseInner = Inside(CoarseValid, CoarseWidth, margin / 2);
    }

    /// <summary>A grid of the same shape sharing <paramref name="shape"/>'s weights.</summary>
    public TrackingGrid(TrackingGrid shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        (Width, Height, CoarseWidth, CoarseHeight, Margin) = (shape.Width, shape.Height, shape.CoarseWidth, shape.CoarseHeight, shape.Margin);
        (Valid, CoarseValid, Inner, CoarseInner) = (shape.Valid, shape.CoarseValid, shape.Inner, shape.CoarseInner);
        Luma = new float[shape.Luma.Length];
        Coarse = new float[shape.Coarse.Length];
    }

    public int Width { get; }

    public int Height { get; }

    public int Margin { get; }

    public int CoarseWidth { get; }

    public int CoarseHeight { get; }

    public float[] Luma { get; }

    public float[] Valid { get; }

    public float[] Coarse { get; }

    public float[] CoarseValid { get; }

    /// <summary><see cref="Valid"/> with the margin columns zeroed: the weights on the previous frame's side.</summary>
    private float[] Inner { get; }

    private float[] CoarseInner { get; }

    /// <summary>Block-matching cost of <paramref name="current"/> moved by (dx, dy) against this (previous) grid.</summary>
    public double Sad(TrackingGrid current, int dx, int dy)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Sad(Luma, current.Luma, Inner, Valid, Width, Height, dx, dy, Margin);
    }

    /// <summary>The same on the half-size grids, for shifts up to half the margin.</summary>
    public double CoarseSad(TrackingGrid current, int dx, int dy)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Sad(Coarse, current.Coarse, CoarseInner, CoarseValid, CoarseWidth, CoarseHeight, dx, dy, Margin / 2);
    }

    /// <summary>Refreshes <see cref="Coarse"/> from <see cref="Luma"/> (2×2 means).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Downsample()
    {
        for (var y = 0; y < CoarseHeight; y++)
        {
            var top = Luma.AsSpan(2 * y * Width, Width);
            var bottom = Luma.AsSpan(Math.Min((2 * y) + 1, Height - 1) * Width, Width);
            var coarse = Coarse.AsSpan(y * CoarseWidth, CoarseWidth);
            for (var x = 0; x < coarse.Length; x++)
            {
                var (x0, x1) = (2 * x, Math.Min((2 * x) + 1, Width - 1));
                coarse[x] = (top[x0] + top[x1] + bottom[x0] + bottom[x1]) * 0.25f;
            }
        }
    }

    /// <summary>
    /// Mean |current(x + dx, y + dy) − previous(x, y)| over the cells that count in both places, x and y kept
    /// <paramref name="margin"/> cells inside the grid (rows by the range, columns by <paramref name="inner"/>'s
    /// zeroed margins); <see cref="double.MaxValue"/> when no cell counts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Sad(float[] previous, float[] current, float[] inner, float[] valid, int width, int height, int dx, int dy, int margin)
    {
        // From (margin, margin) to (width − margin − 1, height − margin − 1): every shifted index stays in the grid.
        var from = (margin * width) + margin;
        var length = ((height - (2 * margin)) * width) - (2 * margin);
        if (length <= 0 || width <= 2 * margin)
        {
            return double.MaxValue;
        }

        var shifted = from + (dy * width) + dx;
        var p = previous.AsSpan(from, length);
        var c = current.AsSpan(shifted, length);
        var vp = inner.AsSpan(from, length);
        var vc = valid.AsSpan(shifted, length);
        var sumV = Vector<float>.Zero;
        var countV = Vector<float>.Zero;
        var x = 0;
        for (; x + Vector<float>.Count <= length; x += Vector<float>.Count)
        {
            var w = new Vector<float>(vp[x..]) * new Vector<float>(vc[x..]);
            sumV += Vector.Abs(new Vector<float>(c[x..]) - new Vector<float>(p[x..])) * w;
            countV += w;
        }

        double sum = Vector.Sum(sumV), count = Vector.Sum(countV);
        for (; x < length; x++)
        {
            var w = vp[x] * vc[x];
            sum += Math.Abs(c[x] - p[x]) * w;
            count += w;
        }

        return count < 0.5 ? double.MaxValue : sum / count;
    }

    private static float[] Inside(float[] weights, int width, int margin)
    {
        var inner = (float[])weights.Clone();
        for (var i = 0; i < inner.Length; i++)
        {
            var x = i % width;
            if (x < margin || x >= width - margin)
            {
                inner[i] = 0;
            }
        }

        return inner;
    }

    /// <summary>The smallest of the (up to) four fine values under coarse cell (x, y).</summary>
    private static float Block(float[] values, int width, int height, int x, int y)
    {
        var (x0, y0) = (2 * x, 2 * y);
        var (x1, y1) = (Math.Min(x0 + 1, width - 1), Math.Min(y0 + 1, height - 1));
        return Math.Min(Math.Min(values[(y0 * width) + x0], values[(y0 * width) + x1]), Math.Min(values[(y1 * width) + x0], values[(y1 * width) + x1]));
    }
}
