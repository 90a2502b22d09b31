using Sonic.Inference.Faces;

namespace Sonic.Inference.Animation.Mesh;

/// <summary>
/// Delaunay triangulation of a point set (Bowyer–Watson): the face rig's mesh over the dense landmarks and the fixed
/// ring around them. Quadratic in the point count, which is a few hundred, once per job.
/// </summary>
public static class DelaunayTriangulation
{
    /// <summary>Triangles as index triples into <paramref name="points"/>, each counter-clockwise in image coordinates.</summary>
    public static IReadOnlyList<(int A, int B, int C)> Triangulate(IReadOnlyList<PointF2> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var all = new List<PointF2>(points);
        var (minX, minY) = (points.Min(p => p.X), points.Min(p => p.Y));
        var (maxX, maxY) = (points.Max(p => p.X), points.Max(p => p.Y));
        var span = Math.Max(maxX - minX, maxY - minY) * 20f;
        var (midX, midY) = ((minX + maxX) / 2, (minY + maxY) / 2);
        var n = points.Count;
        all.Add(new PointF2(midX - span, midY - span));
        all.Add(new PointF2(midX + span, midY - span));
        all.Add(new PointF2(midX, midY + span));

        var triangles = new List<(int A, int B, int C)> { (n, n + 1, n + 2) };
        for (var i = 0; i < n; i++)
        {
            var p = all[i];
            var bad = triangles.Where(t => InCircumcircle(all[t.A], all[t.B], all[t.C], p)).ToList();
            var edges = new Dictionary<(int, int), int>();
            foreach (var (a, b, c) in bad)
            {
                foreach (var edge in new[] { (a, b), (b, c), (c, a) })
                {
                    var key = edge.Item1 < edge.Item2 ? edge : (edge.Item2, edge.Item1);
                    edges[key] = edges.GetValueOrDefault(key) + 1;
                }
            }

            triangles.RemoveAll(bad.Contains);
            foreach (var ((a, b), count) in edges)
            {
                if (count == 1)
                {
                    triangles.Add(Oriented(all, a, b, i));
                }
            }
        }

        return [.. triangles.Where(t => t.A < n && t.B < n && t.C < n)];
    }

    private static (int, int, int) Oriented(List<PointF2> p, int a, int b, int c)
        => Cross(p[a], p[b], p[c]) >= 0 ? (a, b, c) : (a, c, b);

    private static float Cross(PointF2 a, PointF2 b, PointF2 c) => ((b.X - a.X) * (c.Y - a.Y)) - ((b.Y - a.Y) * (c.X - a.X));

    private static bool InCircumcircle(PointF2 a, PointF2 b, PointF2 c, PointF2 p)
    {
        // The sign of the lifted determinant, corrected for the triangle's orientation.
        double ax = a.X - p.X, ay = a.Y - p.Y, bx = b.X - p.X, by = b.Y - p.Y, cx = c.X - p.X, cy = c.Y - p.Y;
        var det = (((ax * ax) + (ay * ay)) * ((bx * cy) - (cx * by)))
            - (((bx * bx) + (by * by)) * ((ax * cy) - (cx * ay)))
            + (((cx * cx) + (cy * cy)) * ((ax * by) - (bx * ay)));
        return Cross(a, b, c) > 0 ? det > 0 : det < 0;
    }
}
