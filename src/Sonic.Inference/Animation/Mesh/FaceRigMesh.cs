using Sonic.Inference.Faces;
using Sonic.Inference.Landmarks;

namespace Sonic.Inference.Animation.Mesh;

/// <summary>
/// The face rig's mesh for one portrait crop: the 468 dense landmarks in MediaPipe's own triangulation, a fixed ring
/// around the face (its oval pushed out by a third) and the crop's border, joined to the oval by Delaunay triangles. Articulations move landmark vertices; the ring and the
/// border never move, so the picture outside the ring stays the source's.
/// </summary>
public sealed class FaceRigMesh
{
    // MediaPipe face mesh topology (Apache-2.0): the face oval, the lip contours, the brows, the eyelids.
    internal static readonly int[] FaceOval = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109];
    internal static readonly int[] UpperInnerLip = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308];
    internal static readonly int[] LowerInnerLip = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308];
    internal static readonly int[] UpperLipOuter = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291];
    internal static readonly int[] LowerLipOuter = [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291];
    internal static readonly int[] Brows = [70, 63, 105, 66, 107, 46, 53, 52, 65, 55, 300, 293, 334, 296, 336, 276, 283, 282, 295, 285];
    // Each upper-lid point, the lower-lid point below it, and the point of the ring above the lid that it pulls along.
    internal static readonly (int Upper, int Lower, int Above)[] Eyelids =
    [
        (246, 7, 247), (161, 163, 30), (160, 144, 29), (159, 145, 27), (158, 153, 28), (157, 154, 56), (173, 155, 190),
        (466, 249, 467), (388, 390, 260), (387, 373, 259), (386, 374, 257), (385, 380, 258), (384, 381, 286), (398, 382, 414),
    ];

    private const float RingScale = 1.35f;

    private FaceRigMesh(int size, PointF2[] rest, IReadOnlyList<(int, int, int)> triangles, int landmarkCount)
    {
        Size = size;
        Rest = rest;
        Triangles = triangles;
        LandmarkCount = landmarkCount;
    }

    public int Size { get; }

    /// <summary>Every vertex at rest: the landmarks first, then the ring and the border.</summary>
    public IReadOnlyList<PointF2> Rest { get; }

    public IReadOnlyList<(int A, int B, int C)> Triangles { get; }

    public int LandmarkCount { get; }

    /// <summary>
    /// The mesh over <paramref name="mesh"/>'s landmarks with MediaPipe's own <paramref name="landmarkTriangles"/>, and
    /// a Delaunay band from the face oval out to the fixed ring and the crop's border.
    /// </summary>
    public static FaceRigMesh Build(int size, FaceMesh mesh, IReadOnlyList<(int A, int B, int C)> landmarkTriangles)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(landmarkTriangles);
        var vertices = mesh.Points.Select(p => new PointF2(p.X, p.Y)).ToList();
        var landmarks = vertices.Count;
        var oval = FaceOval.Select(i => vertices[i]).ToArray();
        var (cx, cy) = (oval.Average(p => p.X), oval.Average(p => p.Y));
        vertices.AddRange(oval.Select(p => Clamp(new PointF2(cx + ((p.X - cx) * RingScale), cy + ((p.Y - cy) * RingScale)), size)));
        var last = size - 1f;
        for (var k = 0; k < 4; k++)
        {
            var t = last * k / 4f;
            vertices.AddRange([new PointF2(t, 0), new PointF2(last, t), new PointF2(last - t, last), new PointF2(0, last - t)]);
        }

        // The band: Delaunay over the oval, the ring and the border, without the triangles inside the oval.
        int[] band = [.. FaceOval, .. Enumerable.Range(landmarks, vertices.Count - landmarks)];
        var bandTriangles = DelaunayTriangulation.Triangulate([.. band.Select(i => vertices[i])])
            .Select(t => (band[t.A], band[t.B], band[t.C]))
            .Where(t => !Inside(oval, Centroid(vertices, t)));
        return new FaceRigMesh(size, [.. vertices], [.. landmarkTriangles, .. bandTriangles], landmarks);
    }

    private static PointF2 Centroid(List<PointF2> v, (int A, int B, int C) t)
        => new((v[t.A].X + v[t.B].X + v[t.C].X) / 3, (v[t.A].Y + v[t.B].Y + v[t.C].Y) / 3);

    private static bool Inside(PointF2[] polygon, PointF2 p)
    {
        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            if ((polygon[i].Y > p.Y) != (polygon[j].Y > p.Y)
                && p.X < ((polygon[j].X - polygon[i].X) * (p.Y - polygon[i].Y) / (polygon[j].Y - polygon[i].Y)) + polygon[i].X)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    private static PointF2 Clamp(PointF2 p, int size) => new(Math.Clamp(p.X, 0, size - 1), Math.Clamp(p.Y, 0, size - 1));
}
