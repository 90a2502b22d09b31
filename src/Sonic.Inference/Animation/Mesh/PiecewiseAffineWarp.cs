using Sonic.Inference.Faces;

namespace Sonic.Inference.Animation.Mesh;

/// <summary>
/// Renders a mesh whose vertices moved: every destination triangle takes its pixels from the same triangle in the
/// source, through the affine map between the two (bilinear sampling). Pixels no triangle covers keep the source's,
/// so a mesh that ends in fixed points leaves the rest of the picture exactly as it was.
/// </summary>
public static class PiecewiseAffineWarp
{
    /// <summary>
    /// Writes into <paramref name="destination"/> (RGBA, side <paramref name="size"/>, already holding the source) the
    /// warp of <paramref name="source"/> from <paramref name="from"/> to <paramref name="to"/> over <paramref name="triangles"/>.
    /// </summary>
    public static void Render(
        ReadOnlySpan<byte> source, Span<byte> destination, int size,
        IReadOnlyList<PointF2> from, IReadOnlyList<PointF2> to, IReadOnlyList<(int A, int B, int C)> triangles)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(triangles);
        foreach (var (a, b, c) in triangles)
        {
            var (d0, d1, d2) = (to[a], to[b], to[c]);
            if (d0 == from[a] && d1 == from[b] && d2 == from[c])
            {
                continue; // unmoved: the destination already holds these pixels
            }

            // Destination pixel (x, y) = d0 + u·(d1 − d0) + v·(d2 − d0); the source point is the same u, v on the source triangle.
            var (e1x, e1y, e2x, e2y) = (d1.X - d0.X, d1.Y - d0.Y, d2.X - d0.X, d2.Y - d0.Y);
            var det = (e1x * e2y) - (e2x * e1y);
            if (MathF.Abs(det) < 1e-6f)
            {
                continue;
            }

            var (s0, s1, s2) = (from[a], from[b], from[c]);
            var left = Math.Max(0, (int)MathF.Floor(MathF.Min(d0.X, MathF.Min(d1.X, d2.X))));
            var right = Math.Min(size - 1, (int)MathF.Ceiling(MathF.Max(d0.X, MathF.Max(d1.X, d2.X))));
            var top = Math.Max(0, (int)MathF.Floor(MathF.Min(d0.Y, MathF.Min(d1.Y, d2.Y))));
            var bottom = Math.Min(size - 1, (int)MathF.Ceiling(MathF.Max(d0.Y, MathF.Max(d1.Y, d2.Y))));
            for (var y = top; y <= bottom; y++)
            {
                var py = y + 0.5f - d0.Y;
                for (var x = left; x <= right; x++)
                {
                    var px = x + 0.5f - d0.X;
                    var u = ((px * e2y) - (e2x * py)) / det;
                    var v = ((e1x * py) - (px * e1y)) / det;
                    const float edge = -1e-4f;
                    if (u < edge || v < edge || u + v > 1 - edge)
                    {
                        continue;
                    }

                    var sx = s0.X + (u * (s1.X - s0.X)) + (v * (s2.X - s0.X)) - 0.5f;
                    var sy = s0.Y + (u * (s1.Y - s0.Y)) + (v * (s2.Y - s0.Y)) - 0.5f;
                    Sample(source, size, sx, sy, destination.Slice(((y * size) + x) * 4, 4));
                }
            }
        }
    }

    /// <summary>Bilinear sample at pixel-centre coordinates (clamped at the borders), opaque.</summary>
    private static void Sample(ReadOnlySpan<byte> source, int size, float x, float y, Span<byte> pixel)
    {
        x = Math.Clamp(x, 0, size - 1);
        y = Math.Clamp(y, 0, size - 1);
        var (x0, y0) = ((int)x, (int)y);
        var (x1, y1) = (Math.Min(x0 + 1, size - 1), Math.Min(y0 + 1, size - 1));
        var (fx, fy) = (x - x0, y - y0);
        for (var c = 0; c < 3; c++)
        {
            var top = (source[(((y0 * size) + x0) * 4) + c] * (1 - fx)) + (source[(((y0 * size) + x1) * 4) + c] * fx);
            var bottom = (source[(((y1 * size) + x0) * 4) + c] * (1 - fx)) + (source[(((y1 * size) + x1) * 4) + c] * fx);
            pixel[c] = (byte)((top * (1 - fy)) + (bottom * fy) + 0.5f);
        }

        pixel[3] = 255;
    }
}
