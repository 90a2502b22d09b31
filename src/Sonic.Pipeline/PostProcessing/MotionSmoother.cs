using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sonic.Media.Video;
using Sonic.Pipeline.Compositing;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// Removes small global jitter and brightness/colour flicker of the face from a stream of animated crops, one frame
/// at a time. Translation: block matching (SAD over ±<see cref="SearchRadius"/> grid pixels, then a parabola for the
/// sub-pixel part) of the face box, downscaled to about <see cref="GridSide"/> pixels, against the previous frame,
/// with the mouth masked out so speech does not read as head motion; the summed path is smoothed by an EMA and the
/// frame is moved by (smoothed − raw). Deflicker: each channel's mean over the same masked
/// face box is scaled to the median of the last <see cref="FlickerWindow"/> frames (a median ignores a one-frame
/// flash that an EMA would smear). No pixels are blended across frames, so the moving mouth cannot ghost.
/// <see cref="Measure"/> only returns the correction (the render loop folds it into the paste-back resize, so it costs
/// no pass over the frame); <see cref="Process"/> also applies it (bilinear) for standalone use.
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

    // The parabola needs only the four neighbours, so the descent looks at no others.
    private static readonly (int Dx, int Dy)[] Neighbours = [(-1, 0), (1, 0), (0, -1), (0, 1)];

    private readonly (double R, double G, double B)[] _means = new (double R, double G, double B)[FlickerWindow];
    private TrackingGrid? _previous;
    private TrackingGrid? _current;
    private bool _hasPrevious;
    private uint[] _columnRedBlue = [];
    private uint[] _columnGreen = [];
    private (int From, int To)[] _masked = [];
    private int _meanCount;
    private RgbaFrame? _output;
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

    /// <summary>Measures and applies the correction in one call: the standalone path (the render loop instead
    /// folds <see cref="Measure"/>'s result into the paste-back resize). The returned frame is reused.</summary>
    public RgbaFrame Process(RgbaFrame crop)
    {
        var correction = Measure(crop);
        var output = _output!;
        output.Index = crop.Index;
        if (correction.IsIdentity)
        {
            crop.Pixels.CopyTo(output.Pixels, 0);
        }
        else
        {
            Shift(crop, output, correction);
        }

        return output;
    }

    /// <summary>
    /// Tracks this crop against the previous one and returns the correction that smooths it — output(x, y) =
    /// gain · crop(x − shift) — without touching its pixels; <see cref="CropCorrection.Identity"/> when the
    /// correction is too small to see (so a still clip stays bit-identical).
    /// </summary>
    public CropCorrection Measure(RgbaFrame crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var side = crop.Width;
        if (_output is null || _output.Width != side || _output.Height != crop.Height)
        {
            Initialise(side, crop.Height);
        }

        var means = Sample(crop);
        if (_hasPrevious)
        {
            var (dx, dy) = Match();
            _rawX += dx * _step;
            _rawY += dy * _step;
        }

        (_previous, _current) = (_current, _previous);
        _hasPrevious = true;
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
        if (Math.Abs(cx) < 0.05 && Math.Abs(cy) < 0.05 && Math.Abs(gains.R - 1) < 0.002 && Math.Abs(gains.G - 1) < 0.002 && Math.Abs(gains.B - 1) < 0.002)
        {
            return CropCorrection.Identity;
        }

        return new CropCorrection(cx, cy, (float)gains.R, (float)gains.G, (float)gains.B);
    }

    private void Initialise(int width, int height)
    {
        _output = new RgbaFrame(width, height);
        var (left, top, right, bottom) = face.Pixels(width);
        _step = Math.Max(1, Math.Max(right - left, bottom - top) / GridSide);
        _origin = (left, top);
        var (ml, mt, mr, mb) = mouth.Pixels(width);
        var (gridW, gridH) = (Math.Max(1, (right - left) / _step), Math.Max(1, (Math.Min(bottom, height) - top) / _step));
        _current = new TrackingGrid(gridW, gridH, SearchRadius, (gx, gy) =>
        {
            var (x, y) = (left + (gx * _step), top + (gy * _step));
            return x + _step > ml && x < mr && y + _step > mt && y < mb;
        });
        _previous = new TrackingGrid(_current);
        _hasPrevious = false;
        (_columnRedBlue, _columnGreen) = (new uint[gridW * _step], new uint[gridW * _step]);
        _masked = new (int From, int To)[gridH];
        for (var gy = 0; gy < gridH; gy++)
        {
            _masked[gy] = MaskedRun(_current.Valid.AsSpan(gy * gridW, gridW));
        }
        _meanCount = 0;
    }

    /// <summary>Block-averages the face box into the luma grid (and its half-size copy) and returns the channel
    /// means outside the mouth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double R, double G, double B) Sample(RgbaFrame crop)
    {
        var width = crop.Width;
        var grid = _current!;
        var (gridW, gridH, step) = (grid.Width, grid.Height, _step);
        var luma = grid.Luma;
        var valid = grid.Valid;
        var columns = gridW * step;
        var redBlue = _columnRedBlue.AsSpan(0, columns);
        var green = _columnGreen.AsSpan(0, columns);
        var area = (float)(step * step);
        long r = 0, g = 0, b = 0, n = 0;
        for (var gy = 0; gy < gridH; gy++)
        {
            // Column sums over the cell's rows (SIMD), then each cell sums its step columns.
            redBlue.Clear();
            green.Clear();
            // Masked (mouth) cells count nowhere, so their pixels are not read: only the columns either side.
            var (skipFrom, skipTo) = _masked[gy];
            for (var y = 0; y < step; y++)
            {
                var line = MemoryMarshal.Cast<byte, uint>(crop.Pixels.AsSpan((((_origin.Top + (gy * step) + y) * width) + _origin.Left) * 4, columns * 4));
                AddColumns(line[..(skipFrom * step)], redBlue, green);
                AddColumns(line[(skipTo * step)..], redBlue[(skipTo * step)..], green[(skipTo * step)..]);
            }

            var row = gy * gridW;
            var cells = redBlue.Length / step * step;
            for (int gx = 0, column = 0; column < cells; gx++)
            {
                // A cell's red and blue still fit their 16-bit halves summed whole (≤ 16² · 255); larger cells unpack.
                int sr = 0, sb = 0;
                uint cellRedBlue = 0, cellGreen = 0;
                for (var end = column + step; column < end; column++)
                {
                    cellRedBlue += redBlue[column];
                    cellGreen += green[column];
                    if (step > 16)
                    {
                        (sr, sb, cellRedBlue) = (sr + (int)(cellRedBlue & 0xFFFF), sb + (int)(cellRedBlue >> 16), 0);
                    }
                }

                (sr, sb) = (sr + (int)(cellRedBlue & 0xFFFF), sb + (int)(cellRedBlue >> 16));
                var sg = (int)cellGreen;
                luma[row + gx] = ((0.299f * sr) + (0.587f * sg) + (0.114f * sb)) / area;
                if (valid[row + gx] != 0)
                {
                    (r, g, b, n) = (r + sr, g + sg, b + sb, n + (step * step));
                }
            }
        }

        grid.Downsample();
        return n == 0 ? (1, 1, 1) : ((double)r / n, (double)g / n, (double)b / n);
    }

    /// <summary>The row's masked cells as one run [From, To) — the mouth box is a rectangle — or an empty run when
    /// they are not contiguous (then every cell is read; masked ones simply do not count).</summary>
    private static (int From, int To) MaskedRun(ReadOnlySpan<float> valid)
    {
        var from = valid.IndexOf(0f);
        if (from < 0)
        {
            return (0, 0);
        }

        var to = valid.LastIndexOf(0f) + 1;
        return valid[from..to].ContainsAnyExcept(0f) ? (0, 0) : (from, to);
    }

    /// <summary>
    /// Adds one row of RGBA pixels (read as little-endian uints: R in the low byte) to per-column sums: red and blue
    /// packed in one uint's 16-bit halves (a column of at most 257 rows cannot carry over), green alone.
    /// </summary>
    private static void AddColumns(ReadOnlySpan<uint> pixels, Span<uint> redBlue, Span<uint> green)
    {
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lanes = Vector<uint>.Count;
            var rbMask = new Vector<uint>(0x00FF00FFu);
            var byteMask = new Vector<uint>(0xFFu);
            for (; x + lanes <= pixels.Length; x += lanes)
            {
                var v = new Vector<uint>(pixels[x..]);
                (new Vector<uint>(redBlue[x..]) + (v & rbMask)).CopyTo(redBlue[x..]);
                (new Vector<uint>(green[x..]) + ((v >> 8) & byteMask)).CopyTo(green[x..]);
            }
        }

        for (; x < pixels.Length; x++)
        {
            redBlue[x] += pixels[x] & 0x00FF00FFu;
            green[x] += (pixels[x] >> 8) & 0xFFu;
        }
    }

    /// <summary>
    /// Displacement of the current grid relative to the previous one in grid pixels: the best whole shift on the
    /// half-size grids (±<see cref="SearchRadius"/>/2), refined on the full grids by stepping to the cheapest of the
    /// four neighbours until none is cheaper (within ±<see cref="SearchRadius"/>), then a parabola through them for
    /// the sub-pixel part. About 5–8 full-grid SADs plus 25 quarter-size ones instead of an exhaustive 81.
    /// </summary>
    private (double X, double Y) Match()
    {
        const int r = SearchRadius;
        const int size = (2 * r) + 1;
        var (previous, current) = (_previous!, _current!);
        const int half = r / 2;
        var (bx, by) = (0, 0);
        var bestCost = double.MaxValue;
        for (var dy = -half; dy <= half; dy++)
        {
            for (var dx = -half; dx <= half; dx++)
            {
                var cost = previous.CoarseSad(current, dx, dy);
                if (cost < bestCost)
                {
                    (bestCost, bx, by) = (cost, dx, dy);
                }
            }
        }

        Span<double> costs = stackalloc double[size * size];
        costs.Fill(double.NaN);
        (bx, by) = (2 * bx, 2 * by);
        while (true)
        {
            var (nx, ny) = (bx, by);
            bestCost = Cost(costs, bx, by);
            foreach (var (dx, dy) in Neighbours)
            {
                var (x, y) = (bx + dx, by + dy);
                if (Math.Abs(x) <= r && Math.Abs(y) <= r && Cost(costs, x, y) is var cost && cost < bestCost)
                {
                    (bestCost, nx, ny) = (cost, x, y);
                }
            }

            if ((nx, ny) == (bx, by))
            {
                break;
            }

            (bx, by) = (nx, ny);
        }

        var best = ((by + r) * size) + bx + r;
        var fx = bx > -r && bx < r ? Vertex(costs[best - 1], costs[best], costs[best + 1]) : 0;
        var fy = by > -r && by < r ? Vertex(costs[best - size], costs[best], costs[best + size]) : 0;
        return (bx + fx, by + fy);
    }

    private double Cost(Span<double> costs, int dx, int dy)
    {
        const int r = SearchRadius;
        ref var cost = ref costs[((dy + r) * ((2 * r) + 1)) + dx + r];
        if (double.IsNaN(cost))
        {
            var (previous, current) = (_previous!, _current!);
            cost = previous.Sad(current, dx, dy);
        }

        return cost;
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
        _means[_meanCount++ % FlickerWindow] = means;
        var count = Math.Min(_meanCount, FlickerWindow);
        Span<double> window = stackalloc double[FlickerWindow];
        return (
            Gain(means.R, Fill(window[..count], m => m.R)),
            Gain(means.G, Fill(window[..count], m => m.G)),
            Gain(means.B, Fill(window[..count], m => m.B)));
    }

    private Span<double> Fill(Span<double> window, Func<(double R, double G, double B), double> channel)
    {
        for (var i = 0; i < window.Length; i++)
        {
            window[i] = channel(_means[i]);
        }

        return window;
    }

    private static double Gain(double mean, Span<double> window)
    {
        window.Sort();
        var median = window[window.Length / 2];
        return mean < 1 ? 1 : Math.Clamp(median / mean, 1 - MaxGainChange, 1 + MaxGainChange);
    }

    /// <summary>output(x, y) = gain · input(x − cx, y − cy), bilinear with one weight set per frame, edges clamped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Shift(RgbaFrame input, RgbaFrame output, CropCorrection correction)
    {
        var (cx, cy) = (correction.ShiftX, correction.ShiftY);
        var gains = (R: (double)correction.GainR, G: (double)correction.GainG, B: (double)correction.GainB);
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
