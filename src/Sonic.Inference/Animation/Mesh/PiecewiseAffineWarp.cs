using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sonic.Inference.Faces;
using Sonic.Media.Threading;

namespace Sonic.Inference.Animation.Mesh;

/// <summary>
/// Renders a mesh whose vertices moved: every destination triangle takes its pixels from the same triangle in the
/// source, through the affine map between the two (bilinear sampling). Pixels no triangle covers keep the source's,
/// so a mesh that ends in fixed points leaves the rest of the picture exactly as it was.
/// </summary>
/// <remarks>
/// Each triangle is walked row by row over its exact span (no bounding-box tests), the source position advances by a
/// constant step along the row (in 16.16 fixed point when the span samples inside the picture), and a pixel is
/// sampled as one 32-bit word with 8-bit weights (red and blue, then green, two channels per multiply). Row bands run
/// in parallel: a band owns its rows, so threads never write the same pixel.
/// </remarks>
public sealed class PiecewiseAffineWarp
{
    // Pixel centres within this distance of a triangle's edge belong to it: shared edges are drawn by both triangles
    // (the same colour to rounding), so no centre on an edge is lost to float error.
    private const float EdgeTolerance = 1e-3f;

    // How far inside the picture a span's samples must stay for the unclamped fixed-point path.
    private const float Margin = 0.05f;

    private readonly int size;
    private readonly IReadOnlyList<(int A, int B, int C)> triangles;
    private readonly ParallelBands workers;
    private readonly int threads;
    private readonly Action<int> drawBand;

    // One frame's state, rewritten by every Render (a warp serves one stream at a time).
    private readonly Mapping[] moved;
    private int count;
    private int top;
    private int rows;
    private int bands;
    private byte[] source = [];
    private byte[] destination = [];

    /// <summary>A warp of <paramref name="size"/>² RGBA pictures over <paramref name="triangles"/>, on up to <paramref name="threads"/> threads.</summary>
    public PiecewiseAffineWarp(int size, IReadOnlyList<(int A, int B, int C)> triangles, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(triangles);
        this.size = size;
        this.triangles = triangles;
        this.threads = Math.Max(1, threads);
        workers = new ParallelBands(this.threads);
        moved = new Mapping[triangles.Count];
        drawBand = DrawBand;
    }

    /// <summary>
    /// Writes into <paramref name="destination"/> (already holding the source) the warp of <paramref name="source"/>
    /// from <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    public void Render(byte[] source, byte[] destination, IReadOnlyList<PointF2> from, IReadOnlyList<PointF2> to)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (source.Length < size * size * 4 || destination.Length < size * size * 4)
        {
            throw new ArgumentException($"The pictures must be {size}×{size} RGBA.", nameof(destination));
        }

        // Only the moved triangles, with the rows they cover; unmoved ones already hold their pixels.
        count = 0;
        var bottom = -1;
        top = size;
        for (var t = 0; t < triangles.Count; t++)
        {
            var (a, b, c) = triangles[t];
            if (to[a] == from[a] && to[b] == from[b] && to[c] == from[c])
            {
                continue;
            }

            if (Mapping.Create(from[a], from[b], from[c], to[a], to[b], to[c], size) is { } mapping)
            {
                moved[count++] = mapping;
                (top, bottom) = (Math.Min(top, mapping.Top), Math.Max(bottom, mapping.Bottom));
            }
        }

        if (count == 0)
        {
            return;
        }

        // A few bands per thread, so a band over the busy mouth does not leave the other thread idle.
        rows = bottom - top + 1;
        bands = Math.Clamp(threads == 1 ? 1 : threads * 4, 1, rows);
        (this.source, this.destination) = (source, destination);
        try
        {
            workers.Run(bands, drawBand);
        }
        finally
        {
            (this.source, this.destination) = ([], []);
        }
    }

    private void DrawBand(int band)
    {
        var (fromRow, toRow) = (top + (rows * band / bands), top + (rows * (band + 1) / bands));
        foreach (var mapping in moved.AsSpan(0, count))
        {
            mapping.Draw(source, destination, size, Math.Max(fromRow, mapping.Top), Math.Min(toRow - 1, mapping.Bottom));
        }
    }

    /// <summary>One destination triangle and the affine map from its pixels to the source's.</summary>
    private readonly struct Mapping
    {
        private readonly PointF2 d0;
        private readonly PointF2 d1;
        private readonly PointF2 d2;

        // Source x = ax·x + bx·y + cx (pixel-centre coordinates in, sample coordinates out); y likewise.
        private readonly float ax;
        private readonly float bx;
        private readonly float cx;
        private readonly float ay;
        private readonly float by;
        private readonly float cy;

        private Mapping(PointF2 d0, PointF2 d1, PointF2 d2, float ax, float bx, float cx, float ay, float by, float cy, int top, int bottom)
        {
            (this.d0, this.d1, this.d2) = (d0, d1, d2);
            (this.ax, this.bx, this.cx, this.ay, this.by, this.cy) = (ax, bx, cx, ay, by, cy);
            (Top, Bottom) = (top, bottom);
        }

        public int Top { get; }

        public int Bottom { get; }

        public static Mapping? Create(PointF2 s0, PointF2 s1, PointF2 s2, PointF2 d0, PointF2 d1, PointF2 d2, int size)
        {
            var (e1x, e1y, e2x, e2y) = (d1.X - d0.X, d1.Y - d0.Y, d2.X - d0.X, d2.Y - d0.Y);
            var det = (e1x * e2y) - (e2x * e1y);
            if (MathF.Abs(det) < 1e-6f)
            {
                return null;
            }

            // u = (px·e2y − e2x·py) / det, v = (e1x·py − px·e1y) / det with (px, py) = (x, y) − d0; source = s0 + u·(s1 − s0) + v·(s2 − s0).
            var (ux, uy) = (e2y / det, -e2x / det);
            var (vx, vy) = (-e1y / det, e1x / det);
            var (f1x, f1y, f2x, f2y) = (s1.X - s0.X, s1.Y - s0.Y, s2.X - s0.X, s2.Y - s0.Y);
            var ax = (ux * f1x) + (vx * f2x);
            var bx = (uy * f1x) + (vy * f2x);
            var ay = (ux * f1y) + (vx * f2y);
            var by = (uy * f1y) + (vy * f2y);

            // Sample coordinates are pixel-centre based: subtract half a pixel so (0, 0) is the first pixel's centre.
            var cx = s0.X - (ax * d0.X) - (bx * d0.Y) - 0.5f;
            var cy = s0.Y - (ay * d0.X) - (by * d0.Y) - 0.5f;
            var top = Math.Max(0, (int)MathF.Floor(MathF.Min(d0.Y, MathF.Min(d1.Y, d2.Y))));
            var bottom = Math.Min(size - 1, (int)MathF.Ceiling(MathF.Max(d0.Y, MathF.Max(d1.Y, d2.Y))));
            return new Mapping(d0, d1, d2, ax, bx, cx, ay, by, cy, top, bottom);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Draw(byte[] source, byte[] destination, int size, int fromRow, int toRow)
        {
            var src = MemoryMarshal.Cast<byte, uint>(source.AsSpan(0, size * size * 4));
            var dst = MemoryMarshal.Cast<byte, uint>(destination.AsSpan(0, size * size * 4));
            var limit = size - 1;
            for (var y = fromRow; y <= toRow; y++)
            {
                var yc = y + 0.5f;
                var (lo, hi) = (float.MaxValue, float.MinValue);
                Cross(d0, d1, yc, ref lo, ref hi);
                Cross(d1, d2, yc, ref lo, ref hi);
                Cross(d2, d0, yc, ref lo, ref hi);
                if (lo > hi)
                {
                    continue;
                }

                // Pixel x's centre is x + 0.5: the columns whose centres lie within the span.
                var left = Math.Max(0, (int)MathF.Ceiling(lo - EdgeTolerance - 0.5f));
                var right = Math.Min(limit, (int)MathF.Floor(hi + EdgeTolerance - 0.5f));
                var sx = (ax * (left + 0.5f)) + (bx * yc) + cx;
                var sy = (ay * (left + 0.5f)) + (by * yc) + cy;
                var row = y * size;
                var (endX, endY) = (sx + (ax * (right - left)), sy + (ay * (right - left)));
                if (MathF.Min(sx, endX) >= Margin && MathF.Max(sx, endX) < limit - Margin && MathF.Min(sy, endY) >= Margin && MathF.Max(sy, endY) < limit - Margin)
                {
                    // The whole span samples inside the picture (the map is affine, so its ends bound it; the margin
                    // covers the fixed-point steps' rounding): step in 16.16 fixed point with no clamping.
                    var (fx, fy) = ((int)((sx * 65536) + 0.5f), (int)((sy * 65536) + 0.5f));
                    var (stepX, stepY) = ((int)MathF.Round(ax * 65536), (int)MathF.Round(ay * 65536));
                    for (var x = left; x <= right; x++, fx += stepX, fy += stepY)
                    {
                        var o = ((fy >> 16) * size) + (fx >> 16);
                        var (tx, ty) = ((uint)((fx >> 8) & 0xFF), (uint)((fy >> 8) & 0xFF));
                        dst[row + x] = Lerp(Lerp(src[o], src[o + 1], tx), Lerp(src[o + size], src[o + size + 1], tx), ty) | 0xFF000000u;
                    }

                    continue;
                }

                for (var x = left; x <= right; x++, sx += ax, sy += ay)
                {
                    dst[row + x] = Sample(src, size, limit, sx, sy);
                }
            }
        }

        /// <summary>Widens [lo, hi] by where the edge p→q crosses the row at <paramref name="y"/>, if it does.</summary>
        private static void Cross(PointF2 p, PointF2 q, float y, ref float lo, ref float hi)
        {
            var (minY, maxY) = p.Y <= q.Y ? (p.Y, q.Y) : (q.Y, p.Y);
            if (y < minY - EdgeTolerance || y > maxY + EdgeTolerance)
            {
                return;
            }

            if (maxY - minY < 1e-6f)
            {
                (lo, hi) = (MathF.Min(lo, MathF.Min(p.X, q.X)), MathF.Max(hi, MathF.Max(p.X, q.X)));
                return;
            }

            var x = p.X + ((Math.Clamp(y, minY, maxY) - p.Y) / (q.Y - p.Y) * (q.X - p.X));
            (lo, hi) = (MathF.Min(lo, x), MathF.Max(hi, x));
        }

        /// <summary>Bilinear sample at pixel-centre coordinates (clamped at the borders), opaque, in 8-bit fixed point.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Sample(ReadOnlySpan<uint> source, int size, int limit, float x, float y)
        {
            x = Math.Clamp(x, 0, limit);
            y = Math.Clamp(y, 0, limit);
            var (x0, y0) = ((int)x, (int)y);
            var fx = (uint)((x - x0) * 256 + 0.5f);
            var fy = (uint)((y - y0) * 256 + 0.5f);
            var right = x0 < limit ? 1 : 0;
            var down = y0 < limit ? size : 0;
            var o = (y0 * size) + x0;
            var top = Lerp(source[o], source[o + right], fx);
            var bottom = Lerp(source[o + down], source[o + down + right], fx);
            return Lerp(top, bottom, fy) | 0xFF000000u;
        }

        /// <summary>a + (b − a)·t/256 per byte, red/blue and green/alpha two at a time in one multiply each.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Lerp(uint a, uint b, uint t)
        {
            var s = 256 - t;
            var rb = ((((a & 0x00FF00FFu) * s) + ((b & 0x00FF00FFu) * t) + 0x00800080u) >> 8) & 0x00FF00FFu;
            var ga = (((((a >> 8) & 0x00FF00FFu) * s) + (((b >> 8) & 0x00FF00FFu) * t) + 0x00800080u)) & 0xFF00FF00u;
            return rb | ga;
        }
    }
}
