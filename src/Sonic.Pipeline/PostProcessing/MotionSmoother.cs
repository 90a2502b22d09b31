using System.Runtime.CompilerServices;
using Sonic.Media.Video;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// Removes small global jitter and brightness/colour flicker of the face from a stream of animated crops, one frame
/// at a time. Translation: block matching (SAD over ±<see cref="SearchRadius"/> grid pixels, then a parabola for the
/// sub-pixel part) of the face box, downscaled to about <see cref="GridSide"/> pixels, against the previous frame,
/// with the mouth masked out so speech does not read as head motion; the summed path is smoothed by an EMA and the
/// frame is moved by (smoothed − raw) with bilinear sampling. Deflicker: each channel's mean over the same masked
/// face box is scaled to the median of the last <see cref="FlickerWindow"/> frames (a median ignores a one-frame
/// flash that an EMA would smear). No pixels are blended across frames, so the moving mouth cannot ghost.
/// Not thread-safe; one per stream; the returned frame is reused.
/// </summary>
public sealed class MotionSmoother(RegionF face, RegionF mouth)
{
    public const int GridSide = 96;
    public const int SearchRadius = 4;
    public const int FlickerWindow = 7;

    /// <summary>EMA weight of the newest position: low enough to damp frame-to-frame jitter, high enough to follow real head sway.</summary>
    public const double PositionAlpha = 0.3;

    /// <summary>Corrections larger than this share of the side are real motion, not jitter: the smoother lets go.</summary>
    public const double MaxCorrection = 0.04;

    public const double MaxGainChange = 0.2;

    private readonly Queue<(double R, double G, double B)> _means = new();
    private float[]? _previousGrid;
    private float[]? _grid;
    private bool[]? _mask;
    private RgbaFrame? _output;
    private int _gridW;
    private int _gridH;
    private int _step;
    private (int Left, int Top) _origin;
    private double _rawX;
    private double _rawY;
    private double _smoothX;
    private double _smoothY;
    private double _shiftSum;
    private double _gainSum;

    public int Frames { get; private set; }

    /// <summary>Mean |correction| in crop pixels over the frames so far.</summary>
    public double MeanShiftPixels => Frames == 0 ? 0 : _shiftSum / Frames;

    /// <summary>Mean |gain − 1| over the frames and channels so far.</summary>
    public double MeanGainChange => Frames == 0 ? 0 : _gainSum / (3.0 * Frames);

    public RgbaFrame Process(RgbaFrame crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var side = crop.Width;
        if (_output is null || _output.Width != side || _output.Height != crop.Height)
        {
            Initialise(side, crop.Height);
        }

        var means = Sample(crop);
        if (_previousGrid is not null)
        {
            var (dx, dy) = Match(_previousGrid, _grid!);
            _rawX += dx * _step;
            _rawY += dy * _step;
        }

        (_previousGrid, _grid) = (_grid, _previousGrid ?? new float[_grid!.Length]);
        _smoothX += PositionAlpha * (_rawX - _smoothX);
        _smoothY += PositionAlpha * (_rawY - _smoothY);
        var limit = MaxCorrection * side;
        if (Math.Abs(_rawX - _smoothX) > limit || Math.Abs(_rawY - _smoothY) > limit)
        {
            (_smoothX, _smoothY) = (_rawX, _rawY);
        }

        var (cx, cy) = (_smoothX - _rawX, _smoothY - _rawY);
        var gains = Gains(means);
        Frames++;
        _shiftSum += Math.Sqrt((cx * cx) + (cy * cy));
        _gainSum += Math.Abs(gains.R - 1) + Math.Abs(gains.G - 1) + Math.Abs(gains.B - 1);
        var output = _output!;
        output.Index = crop.Index;
        if (Math.Abs(cx) < 0.05 && Math.Abs(cy) < 0.05 && Math.Abs(gains.R - 1) < 0.002 && Math.Abs(gains.G - 1) < 0.002 && Math.Abs(gains.B - 1) < 0.002)
        {
            crop.Pixels.CopyTo(output.Pixels, 0);
        }
        else
        {
            Shift(crop, output, cx, cy, gains);
        }

        return output;
    }

    private void Initialise(int width, int height)
    {
        _output = new RgbaFrame(width, height);
        var (left, top, right, bottom) = face.Pixels(width);
        _step = Math.Max(1, Math.Max(right - left, bottom - top) / GridSide);
        _gridW = Math.Max(1, (right - left) / _step);
        _gridH = Math.Max(1, (Math.Min(bottom, height) - top) / _step);
        _origin = (left, top);
        _grid = new float[_gridW * _gridH];
        _previousGrid = null;
        _mask = new bool[_grid.Length];
        var (ml, mt, mr, mb) = mouth.Pixels(width);
        for (var gy = 0; gy < _gridH; gy++)
        {
            for (var gx = 0; gx < _gridW; gx++)
            {
                var (x, y) = (left + (gx * _step), top + (gy * _step));
                _mask[(gy * _gridW) + gx] = x + _step > ml && x < mr && y + _step > mt && y < mb;
            }
        }
    }

    /// <summary>Block-averages the face box into the luma grid and returns the channel means outside the mouth.</summary>
    private (double R, double G, double B) Sample(RgbaFrame crop)
    {
        var pixels = crop.Pixels;
        var width = crop.Width;
        var grid = _grid!;
        long r = 0, g = 0, b = 0, n = 0;
        for (var gy = 0; gy < _gridH; gy++)
        {
            for (var gx = 0; gx < _gridW; gx++)
            {
                int sr = 0, sg = 0, sb = 0;
                for (var y = 0; y < _step; y++)
                {
                    var i = ((((_origin.Top + (gy * _step) + y) * width) + _origin.Left + (gx * _step)) * 4);
                    for (var x = 0; x < _step; x++, i += 4)
                    {
                        sr += pixels[i];
                        sg += pixels[i + 1];
                        sb += pixels[i + 2];
                    }
                }

                var cell = (gy * _gridW) + gx;
                grid[cell] = ((0.299f * sr) + (0.587f * sg) + (0.114f * sb)) / (_step * _step);
                if (!_mask![cell])
                {
                    (r, g, b, n) = (r + sr, g + sg, b + sb, n + (_step * _step));
                }
            }
        }

        return n == 0 ? (1, 1, 1) : ((double)r / n, (double)g / n, (double)b / n);
    }

    /// <summary>Displacement of <paramref name="current"/> relative to <paramref name="previous"/> in grid pixels.</summary>
    private (double X, double Y) Match(float[] previous, float[] current)
    {
        const int r = SearchRadius;
        var size = (2 * r) + 1;
        var costs = new double[size * size];
        for (var dy = -r; dy <= r; dy++)
        {
            for (var dx = -r; dx <= r; dx++)
            {
                costs[((dy + r) * size) + dx + r] = Sad(previous, current, dx, dy);
            }
        }

        var best = 0;
        for (var k = 1; k < costs.Length; k++)
        {
            if (costs[k] < costs[best])
            {
                best = k;
            }
        }

        var (bx, by) = (best % size, best / size);
        var fx = bx > 0 && bx < size - 1 ? Vertex(costs[best - 1], costs[best], costs[best + 1]) : 0;
        var fy = by > 0 && by < size - 1 ? Vertex(costs[best - size], costs[best], costs[best + size]) : 0;
        return (bx - r + fx, by - r + fy);
    }

    /// <summary>Mean |current(x + dx, y + dy) − previous(x, y)| over unmasked cells inside both grids.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Sad(float[] previous, float[] current, int dx, int dy)
    {
        const int r = SearchRadius;
        double sum = 0;
        var count = 0;
        for (var y = r; y < _gridH - r; y++)
        {
            var row = y * _gridW;
            var shifted = ((y + dy) * _gridW) + dx;
            for (var x = r; x < _gridW - r; x++)
            {
                if (_mask![row + x] || _mask[shifted + x])
                {
                    continue;
                }

                sum += Math.Abs(current[shifted + x] - previous[row + x]);
                count++;
            }
        }

        return count == 0 ? double.MaxValue : sum / count;
    }

    private static double Vertex(double left, double middle, double right)
    {
        // An exact match is exact: asymmetric neighbours must not invent a sub-pixel drift on a still picture.
        if (middle <= 1e-6)
        {
            return 0;
        }

        var curvature = left - (2 * middle) + right;
        return curvature > 1e-9 ? Math.Clamp(0.5 * (left - right) / curvature, -0.5, 0.5) : 0;
    }

    private (double R, double G, double B) Gains((double R, double G, double B) means)
    {
        _means.Enqueue(means);
        if (_means.Count > FlickerWindow)
        {
            _means.Dequeue();
        }

        return (Gain(means.R, _means.Select(m => m.R)), Gain(means.G, _means.Select(m => m.G)), Gain(means.B, _means.Select(m => m.B)));
    }

    private static double Gain(double mean, IEnumerable<double> window)
    {
        var sorted = window.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        return mean < 1 ? 1 : Math.Clamp(median / mean, 1 - MaxGainChange, 1 + MaxGainChange);
    }

    /// <summary>output(x, y) = gain · input(x − cx, y − cy), bilinear with one weight set per frame, edges clamped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Shift(RgbaFrame input, RgbaFrame output, double cx, double cy, (double R, double G, double B) gains)
    {
        var (width, height) = (input.Width, input.Height);
        var (sx, sy) = (-cx, -cy);
        var ix = (int)Math.Floor(sx);
        var iy = (int)Math.Floor(sy);
        var wx = (int)Math.Round((sx - ix) * 256);
        var wy = (int)Math.Round((sy - iy) * 256);
        var w00 = (256 - wx) * (256 - wy);
        var w10 = wx * (256 - wy);
        var w01 = (256 - wx) * wy;
        var w11 = wx * wy;
        Span<int> lut = stackalloc int[3 * 256];
        for (var v = 0; v < 256; v++)
        {
            lut[v] = Math.Min(255, (int)Math.Round(v * gains.R));
            lut[256 + v] = Math.Min(255, (int)Math.Round(v * gains.G));
            lut[512 + v] = Math.Min(255, (int)Math.Round(v * gains.B));
        }

        var src = input.Pixels;
        var dst = output.Pixels;
        Span<int> x0 = width <= 4096 ? stackalloc int[width] : new int[width];
        Span<int> x1 = width <= 4096 ? stackalloc int[width] : new int[width];
        for (var x = 0; x < width; x++)
        {
            x0[x] = Math.Clamp(x + ix, 0, width - 1) * 4;
            x1[x] = Math.Clamp(x + ix + 1, 0, width - 1) * 4;
        }

        for (var y = 0; y < height; y++)
        {
            var row0 = Math.Clamp(y + iy, 0, height - 1) * width * 4;
            var row1 = Math.Clamp(y + iy + 1, 0, height - 1) * width * 4;
            var o = y * width * 4;
            for (var x = 0; x < width; x++, o += 4)
            {
                var (a, b, c, d) = (row0 + x0[x], row0 + x1[x], row1 + x0[x], row1 + x1[x]);
                for (var k = 0; k < 3; k++)
                {
                    var v = ((src[a + k] * w00) + (src[b + k] * w10) + (src[c + k] * w01) + (src[d + k] * w11) + 32768) >> 16;
                    dst[o + k] = (byte)lut[(k * 256) + v];
                }

                dst[o + 3] = (byte)(((src[a + 3] * w00) + (src[b + 3] * w10) + (src[c + 3] * w01) + (src[d + 3] * w11) + 32768) >> 16);
            }
        }
    }
}
