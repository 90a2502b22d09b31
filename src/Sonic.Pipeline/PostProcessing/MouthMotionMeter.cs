using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sonic.Media.Video;
using Sonic.Pipeline.Compositing;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// Per frame, the mean absolute luma difference inside the mouth box from the previous frame (index 0 is 0). Keeps
/// only the previous box's luma and one double per frame, so memory stays tiny for any length.
/// </summary>
public sealed class MouthMotionMeter(RegionF mouth)
{
    private readonly List<double> _motion = [];
    private float[] _previous = [];
    private float[] _current = [];
    private float[] _lumaRows = [];
    private float[] _lerped = [];
    private bool _hasPrevious;

    public IReadOnlyList<double> Motion => _motion;

    public void Add(RgbaFrame crop) => Add(crop, CropCorrection.Identity);

    /// <summary>
    /// Measures the crop as it will be shown, with motion smoothing's <paramref name="correction"/> applied on the
    /// fly (bilinear shift, gains folded into the luma weights) — only the mouth box is sampled, the frame itself is
    /// never corrected here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(RgbaFrame crop, in CropCorrection correction)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var (left, top, right, bottom) = mouth.Pixels(crop.Width);
        var (boxWidth, boxHeight) = (right - left, bottom - top);
        var size = boxWidth * boxHeight;
        if (_current.Length != size)
        {
            (_previous, _current, _lumaRows, _lerped) = (new float[size], new float[size], new float[2 * (boxWidth + 1)], new float[boxWidth]);
            _hasPrevious = false;
        }

        // Shown pixel (x, y) = crop(x − shift): bilinear between source rows y + iy and y + iy + 1 and columns
        // x + ix and x + ix + 1, edges clamped as in paste-back.
        var (sx, sy) = (-correction.ShiftX, -correction.ShiftY);
        var (ix, iy) = ((int)Math.Floor(sx), (int)Math.Floor(sy));
        var (fx, fy) = ((float)(sx - ix), (float)(sy - iy));
        var weights = (R: 77f / 256 * correction.GainR, G: 150f / 256 * correction.GainG, B: 29f / 256 * correction.GainB);
        var above = _lumaRows.AsSpan(0, boxWidth + 1);
        var below = _lumaRows.AsSpan(boxWidth + 1, boxWidth + 1);
        var current = _current.AsSpan();
        LumaRow(crop, top + iy, left + ix, weights, above);
        for (var y = top; y < bottom; y++)
        {
            var shown = current.Slice((y - top) * boxWidth, boxWidth);
            if (fy == 0)
            {
                Lerp(above, fx, shown);
                if (y + 1 < bottom)
                {
                    LumaRow(crop, y + 1 + iy, left + ix, weights, above);
                }

                continue;
            }

            // The row below this one is the row above the next: each source row is read once.
            LumaRow(crop, y + iy + 1, left + ix, weights, below);
            Lerp(above, fx, shown);
            Lerp(below, fx, _lerped);
            Blend(shown, _lerped, fy);
            var swap = above;
            above = below;
            below = swap;
        }

        if (!_hasPrevious)
        {
            _motion.Add(0);
        }
        else
        {
            var sum = AbsoluteDifference(current, _previous);
            _motion.Add(sum / current.Length);
        }

        (_previous, _current) = (_current, _previous);
        _hasPrevious = true;
    }

    /// <summary>shown[x] = row[x] + fraction · (row[x + 1] − row[x]); <paramref name="row"/> has one value more.</summary>
    private static void Lerp(ReadOnlySpan<float> row, float fraction, Span<float> shown)
    {
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<float>(fraction);
            for (; x + Vector<float>.Count <= shown.Length; x += Vector<float>.Count)
            {
                var left = new Vector<float>(row[x..]);
                (left + (f * (new Vector<float>(row[(x + 1)..]) - left))).CopyTo(shown[x..]);
            }
        }

        for (; x < shown.Length; x++)
        {
            shown[x] = row[x] + (fraction * (row[x + 1] - row[x]));
        }
    }

    /// <summary>upper[x] += fraction · (lower[x] − upper[x]).</summary>
    private static void Blend(Span<float> upper, ReadOnlySpan<float> lower, float fraction)
    {
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<float>(fraction);
            for (; x + Vector<float>.Count <= upper.Length; x += Vector<float>.Count)
            {
                var top = new Vector<float>(upper[x..]);
                (top + (f * (new Vector<float>(lower[x..]) - top))).CopyTo(upper[x..]);
            }
        }

        for (; x < upper.Length; x++)
        {
            upper[x] += fraction * (lower[x] - upper[x]);
        }
    }

    /// <summary>Σ |a − b|, summed in SIMD lanes (a lane holds at most a few hundred thousand grey levels: exact enough).</summary>
    private static double AbsoluteDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var lanes = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<float>.Count <= a.Length; i += Vector<float>.Count)
            {
                lanes += Vector.Abs(new Vector<float>(a[i..]) - new Vector<float>(b[i..]));
            }
        }

        double sum = Vector.Sum(lanes);
        for (; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return sum;
    }

    /// <summary>BT.601 luma (weights 77/150/29 of 256, times the gains) of row <paramref name="y"/> from column
    /// <paramref name="x"/> on, both clamped into the crop; the part inside the crop on SIMD floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LumaRow(RgbaFrame crop, int y, int x, (float R, float G, float B) weights, Span<float> luma)
    {
        var width = crop.Width;
        var row = MemoryMarshal.Cast<byte, uint>(crop.Pixels.AsSpan(Math.Clamp(y, 0, crop.Height - 1) * width * 4, width * 4));
        var from = Math.Clamp(-x, 0, luma.Length);
        var to = Math.Clamp(width - x, from, luma.Length);
        for (var i = 0; i < from; i++)
        {
            luma[i] = Luma(row[0], weights);
        }

        var inside = row.Slice(x + from, to - from);
        var target = luma[from..to];
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lanes = Vector<uint>.Count;
            var (wr, wg, wb) = (new Vector<float>(weights.R), new Vector<float>(weights.G), new Vector<float>(weights.B));
            var byteMask = new Vector<uint>(0xFFu);
            for (; k + lanes <= inside.Length; k += lanes)
            {
                var v = new Vector<uint>(inside[k..]);
                var r = Vector.ConvertToSingle(v & byteMask);
                var g = Vector.ConvertToSingle((v >> 8) & byteMask);
                var b = Vector.ConvertToSingle((v >> 16) & byteMask);
                ((wr * r) + (wg * g) + (wb * b)).CopyTo(target[k..]);
            }
        }

        for (; k < inside.Length; k++)
        {
            target[k] = Luma(inside[k], weights);
        }

        for (var i = to; i < luma.Length; i++)
        {
            luma[i] = Luma(row[width - 1], weights);
        }
    }

    /// <summary>One RGBA pixel read as a little-endian uint (R in the low byte).</summary>
    private static float Luma(uint pixel, (float R, float G, float B) weights)
        => (weights.R * (pixel & 0xFF)) + (weights.G * ((pixel >> 8) & 0xFF)) + (weights.B * ((pixel >> 16) & 0xFF));
}
