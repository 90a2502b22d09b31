namespace Sonic.Inference.Tests.Animation.Mesh;

/// <summary>The measures the rig tests take of rendered frames: lip-sync correlation and where a pixel lies against a contour.</summary>
internal static class ViewerMeasures
{
    /// <summary>Pearson correlation of a with b shifted by <paramref name="lag"/> frames.</summary>
    public static double Correlation(double[] a, double[] b, int lag)
    {
        var pairs = Enumerable.Range(0, a.Length).Where(i => i + lag >= 0 && i + lag < b.Length).Select(i => (a[i], b[i + lag])).ToList();
        var (ma, mb) = (pairs.Average(p => p.Item1), pairs.Average(p => p.Item2));
        var cov = pairs.Sum(p => (p.Item1 - ma) * (p.Item2 - mb));
        return cov / Math.Sqrt(pairs.Sum(p => (p.Item1 - ma) * (p.Item1 - ma)) * pairs.Sum(p => (p.Item2 - mb) * (p.Item2 - mb)));
    }

    /// <summary>Inside the polygon (when <paramref name="insideCounts"/>), or within <paramref name="margin"/> pixels of an edge.</summary>
    public static bool Near((float X, float Y)[] polygon, float x, float y, float margin, bool insideCounts = true)
    {
        if (insideCounts && Winding(polygon, x, y))
        {
            return true;
        }

        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            var (a, b) = (polygon[i], polygon[j]);
            var (ex, ey) = (b.X - a.X, b.Y - a.Y);
            var t = Math.Clamp((((x - a.X) * ex) + ((y - a.Y) * ey)) / MathF.Max(1e-6f, (ex * ex) + (ey * ey)), 0, 1);
            var (dx, dy) = (a.X + (t * ex) - x, a.Y + (t * ey) - y);
            if ((dx * dx) + (dy * dy) <= margin * margin)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Inside the polygon (even-odd rule).</summary>
    public static bool Winding((float X, float Y)[] polygon, float x, float y)
    {
        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            var (a, b) = (polygon[i], polygon[j]);
            if ((a.Y > y) != (b.Y > y) && x < ((b.X - a.X) * (y - a.Y) / (b.Y - a.Y)) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
