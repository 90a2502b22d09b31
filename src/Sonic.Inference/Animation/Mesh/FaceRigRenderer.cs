using Sonic.Inference.Faces;

namespace Sonic.Inference.Animation.Mesh;

/// <summary>
/// Poses a <see cref="FaceRigMesh"/> and renders it: the jaw, chin and lower lip move down along the face with a
/// smooth fall-off into the cheeks, the upper lip lifts a little, the eyelids close; the opening between the inner
/// lips is painted as a mouth interior (a dark cavity with depth, upper teeth under the upper lip), and nothing dark is
/// drawn outside the inner-lip contour. Host code: a few milliseconds a frame at 512 px. One renderer per stream: it
/// reuses its vertex buffer from frame to frame.
/// </summary>
public sealed class FaceRigRenderer
{
    private static readonly (byte R, byte G, byte B) CavityDeep = (46, 16, 18);
    private static readonly (byte R, byte G, byte B) NeutralTeeth = (240, 234, 222);

    // Lower-lip landmarks whose source colour tints the teeth and the cavity's edge to the picture's own light.
    private static readonly int[] LipSamples = [14, 87, 178, 317, 402, 17, 84, 314];

    private readonly FaceRigMesh mesh;
    private readonly byte[] source;
    private readonly float faceHeight;
    private readonly float centreX;
    private readonly float centreY;
    private readonly float halfWidth;
    private readonly float mouthHalfWidth;
    private readonly float lipY;
    private readonly float[] jawWeight;
    private readonly float[] upperLipWeight;
    private readonly float[] spreadWeight;

    // The posed vertices, rewritten every frame (a renderer serves one stream at a time).
    private readonly PointF2[] posed;
    private readonly float restOpening;
    private readonly (byte R, byte G, byte B) teeth;
    private readonly (byte R, byte G, byte B) cavityEdge;

    public FaceRigRenderer(FaceRigMesh mesh, byte[] sourceRgba)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(sourceRgba);
        this.mesh = mesh;
        source = sourceRgba;
        var rest = mesh.Rest;
        var oval = FaceRigMesh.FaceOval.Select(i => rest[i]).ToList();
        faceHeight = oval.Max(p => p.Y) - oval.Min(p => p.Y);
        centreX = oval.Average(p => p.X);
        centreY = oval.Average(p => p.Y);
        halfWidth = (oval.Max(p => p.X) - oval.Min(p => p.X)) / 2;
        mouthHalfWidth = MathF.Abs(rest[FaceRigMesh.UpperInnerLip[^1]].X - rest[FaceRigMesh.UpperInnerLip[0]].X) / 2;
        lipY = FaceRigMesh.UpperInnerLip.Concat(FaceRigMesh.LowerInnerLip).Average(i => rest[i].Y);

        // How much of the jaw's drop each landmark follows: everything below the lips, fading sideways from the mouth
        // to the face's edge and to nothing at the lip line's height; the lower inner lip follows fully.
        jawWeight = new float[rest.Count];
        upperLipWeight = new float[rest.Count];
        spreadWeight = new float[rest.Count];
        posed = new PointF2[rest.Count];
        var lips = FaceRigMesh.UpperInnerLip.Concat(FaceRigMesh.LowerInnerLip).Concat(FaceRigMesh.UpperLipOuter).Concat(FaceRigMesh.LowerLipOuter).ToHashSet();
        var lowerLip = FaceRigMesh.LowerInnerLip.ToHashSet();
        var upperLip = FaceRigMesh.UpperInnerLip.Concat(FaceRigMesh.UpperLipOuter).ToHashSet();
        for (var i = 0; i < mesh.LandmarkCount; i++)
        {
            // The lower lip, the chin and the jaw below the lip line move together; the cheeks follow less towards
            // the face's sides; the upper lip never follows the jaw (it lifts a little on its own).
            // Near the lips the opening tapers to the corners, which hinge rather than drop (a lens, not a box);
            // further down the jaw moves as one piece.
            var p = rest[i];
            var dx = MathF.Abs(p.X - centreX);
            var lateral = 1 - SmoothStep(mouthHalfWidth * 1.2f, halfWidth * 1.05f, dx);
            var taper = 0.3f + (0.7f * Square(MathF.Cos(MathF.PI / 2 * MathF.Min(1, dx / (mouthHalfWidth * 1.1f)))));
            var nearLips = 1 - SmoothStep(lipY + (0.05f * faceHeight), lipY + (0.16f * faceHeight), p.Y);
            var profile = 1 + ((taper - 1) * nearLips);
            var below = SmoothStep(lipY - (0.005f * faceHeight), lipY + (0.02f * faceHeight), p.Y);
            var onUpperLip = upperLip.Contains(i) && !lowerLip.Contains(i);
            var corner = upperLip.Contains(i) && lowerLip.Contains(i);
            jawWeight[i] = onUpperLip ? 0 : corner ? 0.3f * taper : (lowerLip.Contains(i) ? 1 : below * lateral) * profile;
            upperLipWeight[i] = onUpperLip ? lateral * taper : 0;

            // Spreading and rounding move the lips sideways, most at the corners (signed: the halves move apart), and
            // the cheeks beside the corners follow a little less with distance, so the corner's crease is not smeared.
            var side = Math.Clamp((p.X - centreX) / MathF.Max(1, mouthHalfWidth), -1f, 1f);
            var around = lips.Contains(i)
                ? 1
                : (1 - SmoothStep(mouthHalfWidth, 1.9f * mouthHalfWidth, dx)) * (1 - SmoothStep(0.04f * faceHeight, 0.12f * faceHeight, MathF.Abs(p.Y - lipY)));
            spreadWeight[i] = side * MathF.Abs(side) * around;
        }

        restOpening = Opening(rest);

        // Neutral teeth look blue against a warm photo: tint them and the cavity's edge with the lips' own colour.
        var size = mesh.Size;
        var lip = LipSamples.Select(i => ((int)Math.Clamp(rest[i].Y, 0, size - 1) * size) + (int)Math.Clamp(rest[i].X, 0, size - 1))
            .Select(p => (sourceRgba[p * 4], sourceRgba[(p * 4) + 1], sourceRgba[(p * 4) + 2]))
            .Aggregate((R: 0.0, G: 0.0, B: 0.0), (sum, c) => (sum.R + c.Item1, sum.G + c.Item2, sum.B + c.Item3));
        var lipColour = ((byte)(lip.R / LipSamples.Length), (byte)(lip.G / LipSamples.Length), (byte)(lip.B / LipSamples.Length));
        teeth = Mix(NeutralTeeth, lipColour, 0.4f);
        cavityEdge = Shade(lipColour, 0.55f);
    }

    /// <summary>Renders <paramref name="pose"/> into <paramref name="frame"/> (RGBA, the crop's size).</summary>
    public void Render(FaceRigPose pose, Span<byte> frame)
    {
        source.CopyTo(frame);
        var rest = mesh.Rest;
        var posed = this.posed;
        var jaw = pose.JawOpen * faceHeight;
        var lift = 0.18f * pose.LipOpen * faceHeight;
        var drop = jaw + (0.5f * pose.LipOpen * faceHeight);
        var spread = 0.15f * pose.Spread * mouthHalfWidth;
        for (var i = 0; i < rest.Count; i++)
        {
            var p = rest[i];
            posed[i] = i < mesh.LandmarkCount ? new PointF2(p.X + (spreadWeight[i] * spread), p.Y + (jawWeight[i] * drop) - (upperLipWeight[i] * lift)) : p;
        }

        // The lids meet a little above the lower lid, as in a real blink: the upper lid slides down (the skin above it
        // following half as far, so it folds rather than stretches) and the lower lid rises a quarter of the way and a
        // little past the landmarks' contour, which sits just inside the visible eye.
        foreach (var (upper, lower, above) in FaceRigMesh.Eyelids)
        {
            var (u, l) = (posed[upper], posed[lower]);
            var meet = new PointF2(u.X + ((l.X - u.X) * 0.75f), u.Y + ((l.Y - u.Y) * 0.75f));
            var (dx, dy) = ((meet.X - u.X) * pose.Blink, (meet.Y - u.Y) * pose.Blink);
            posed[upper] = new PointF2(u.X + dx, u.Y + dy);
            posed[above] = new PointF2(posed[above].X + (0.5f * dx), posed[above].Y + (0.5f * dy));
            posed[lower] = new PointF2(l.X + ((meet.X - l.X) * pose.Blink), l.Y + ((meet.Y - l.Y) * pose.Blink));
        }

        // The head moves as a whole; the fixed ring and border take up the motion, fading it into neck and background.
        if (pose.Roll != 0 || pose.ShiftX != 0 || pose.ShiftY != 0)
        {
            var (cos, sin) = (MathF.Cos(pose.Roll), MathF.Sin(pose.Roll));
            for (var i = 0; i < mesh.LandmarkCount; i++)
            {
                var (x, y) = (posed[i].X - centreX, posed[i].Y - centreY);
                posed[i] = new PointF2(centreX + (x * cos) - (y * sin) + pose.ShiftX, centreY + (x * sin) + (y * cos) + pose.ShiftY);
            }
        }

        PiecewiseAffineWarp.Render(source, frame, mesh.Size, rest, posed, mesh.Triangles);
        PaintMouthInterior(frame, posed);
    }

    private void PaintMouthInterior(Span<byte> frame, PointF2[] posed)
    {
        // Only an opening the pose made is painted: the source's own parted lips stay as they are at rest.
        var opening = Opening(posed);
        if (opening - restOpening < 1f)
        {
            return;
        }

        // The opening: the upper inner lip left to right, then the lower inner lip right to left.
        // The lower edge is drawn a fifth of the way up from the landmarks: their contour lies a little inside the
        // lower lip's visible edge, and a cavity painted down to it covers the top of the lip.
        var lowerEdge = FaceRigMesh.LowerInnerLip.Select((i, k) =>
        {
            var (l, u) = (posed[i], posed[FaceRigMesh.UpperInnerLip[k]]);
            return new PointF2(l.X + (0.2f * (u.X - l.X)), l.Y + (0.2f * (u.Y - l.Y)));
        }).ToArray();
        var polygon = FaceRigMesh.UpperInnerLip.Select(i => posed[i]).Concat(lowerEdge.Reverse().Skip(1).SkipLast(1)).ToArray();
        var top = (int)MathF.Floor(polygon.Min(p => p.Y));
        var bottom = (int)MathF.Ceiling(polygon.Max(p => p.Y));
        var size = mesh.Size;
        FillLipStrip(frame, posed, lowerEdge);

        var upperContour = FaceRigMesh.UpperInnerLip.Select(i => posed[i]).ToArray();
        var mouthLeft = polygon.Min(p => p.X);
        var mouthRight = polygon.Max(p => p.X);
        var teethDepth = MathF.Min(0.3f * opening, 0.045f * faceHeight);
        for (var y = Math.Max(0, top); y <= Math.Min(size - 1, bottom); y++)
        {
            var crossings = Crossings(polygon, y + 0.5f);
            for (var k = 0; k + 1 < crossings.Count; k += 2)
            {
                var from = Math.Max(0, (int)MathF.Ceiling(crossings[k] - 0.5f));
                var to = Math.Min(size - 1, (int)MathF.Floor(crossings[k + 1] - 0.5f));
                for (var x = from; x <= to; x++)
                {
                    var across = 1 - MathF.Abs((((x + 0.5f) - mouthLeft) / MathF.Max(1, mouthRight - mouthLeft) * 2) - 1); // 0 at the corners, 1 mid
                    var upperEdge = InterpolatePoints(upperContour, x + 0.5f);
                    var depth = Math.Clamp(((y + 0.5f) - upperEdge) / MathF.Max(1, opening), 0, 1);
                    // Upper teeth under the upper lip, shaded towards their edge and the corners; behind them the cavity
                    // darkens with depth and towards the middle.
                    var intoTeeth = ((y + 0.5f) - upperEdge) / MathF.Max(1, teethDepth);
                    var onTeeth = intoTeeth < 1 && across > 0.25f;
                    var colour = onTeeth
                        ? Shade(teeth, (0.78f + (0.2f * MathF.Min(1, (across - 0.25f) * 2.5f))) * (1 - (0.18f * intoTeeth)))
                        : Mix(cavityEdge, CavityDeep, MathF.Min(1, across * (0.4f + depth)));
                    // A 1.5 px feather inside the contour: the lips' edge blends into the cavity instead of a cut.
                    var alpha = MathF.Min(1, EdgeDistance(polygon, x + 0.5f, y + 0.5f) / 1.5f);
                    var o = ((y * size) + x) * 4;
                    frame[o] = (byte)((colour.R * alpha) + (frame[o] * (1 - alpha)) + 0.5f);
                    frame[o + 1] = (byte)((colour.G * alpha) + (frame[o + 1] * (1 - alpha)) + 0.5f);
                    frame[o + 2] = (byte)((colour.B * alpha) + (frame[o + 2] * (1 - alpha)) + 0.5f);
                }
            }
        }
    }

    /// <summary>
    /// Between the cavity's lower edge and the lower lip's landmarks no triangle is drawn (the mouth is an opening in
    /// the mesh): that strip takes the lower lip's own colour, read just below its contour in each column.
    /// </summary>
    private void FillLipStrip(Span<byte> frame, PointF2[] posed, PointF2[] lowerEdge)
    {
        var size = mesh.Size;
        var contour = FaceRigMesh.LowerInnerLip.Select(i => posed[i]).ToArray();
        var left = (int)MathF.Ceiling(contour[0].X);
        var right = (int)MathF.Floor(contour[^1].X);
        for (var x = Math.Max(0, left); x <= Math.Min(size - 1, right); x++)
        {
            var lip = InterpolatePoints(contour, x + 0.5f);
            var edge = InterpolatePoints(lowerEdge, x + 0.5f);
            var sampleY = Math.Min(size - 1, (int)(lip + 2));
            var from = ((sampleY * size) + x) * 4;
            for (var y = Math.Max(0, (int)MathF.Floor(edge)); y <= Math.Min(size - 1, (int)MathF.Ceiling(lip)); y++)
            {
                var to = ((y * size) + x) * 4;
                frame[to] = frame[from];
                frame[to + 1] = frame[from + 1];
                frame[to + 2] = frame[from + 2];
            }
        }
    }

    /// <summary>The y of a contour (points ordered along x) at <paramref name="x"/>.</summary>
    private static float InterpolatePoints(PointF2[] points, float x)
    {
        for (var i = 0; i + 1 < points.Length; i++)
        {
            var (lo, hi) = points[i].X <= points[i + 1].X ? (points[i], points[i + 1]) : (points[i + 1], points[i]);
            if (x >= lo.X && x <= hi.X)
            {
                return hi.X - lo.X < 1e-3f ? lo.Y : lo.Y + ((x - lo.X) / (hi.X - lo.X) * (hi.Y - lo.Y));
            }
        }

        return points[points.Length / 2].Y;
    }

    /// <summary>The distance from (x, y) to the nearest edge of <paramref name="polygon"/>.</summary>
    private static float EdgeDistance(PointF2[] polygon, float x, float y)
    {
        var nearest = float.MaxValue;
        for (var i = 0; i < polygon.Length; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Length]);
            var (ex, ey) = (b.X - a.X, b.Y - a.Y);
            var t = Math.Clamp((((x - a.X) * ex) + ((y - a.Y) * ey)) / MathF.Max(1e-6f, (ex * ex) + (ey * ey)), 0, 1);
            var (dx, dy) = (a.X + (t * ex) - x, a.Y + (t * ey) - y);
            nearest = MathF.Min(nearest, (dx * dx) + (dy * dy));
        }

        return MathF.Sqrt(nearest);
    }

    private static float Opening(IReadOnlyList<PointF2> points)
        => points[FaceRigMesh.LowerInnerLip[FaceRigMesh.LowerInnerLip.Length / 2]].Y - points[FaceRigMesh.UpperInnerLip[FaceRigMesh.UpperInnerLip.Length / 2]].Y;

    private static List<float> Crossings(PointF2[] polygon, float y)
    {
        var xs = new List<float>();
        for (var i = 0; i < polygon.Length; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Length]);
            if ((a.Y <= y) != (b.Y <= y))
            {
                xs.Add(a.X + ((y - a.Y) / (b.Y - a.Y) * (b.X - a.X)));
            }
        }

        xs.Sort();
        return xs;
    }

    private static float Square(float x) => x * x;

    private static (byte R, byte G, byte B) Mix((byte R, byte G, byte B) a, (byte R, byte G, byte B) b, float t)
        => ((byte)(a.R + ((b.R - a.R) * t)), (byte)(a.G + ((b.G - a.G) * t)), (byte)(a.B + ((b.B - a.B) * t)));

    private static (byte R, byte G, byte B) Shade((byte R, byte G, byte B) c, float f)
        => ((byte)(c.R * f), (byte)(c.G * f), (byte)(c.B * f));

    private static float SmoothStep(float edge0, float edge1, float x)
    {
        var t = Math.Clamp((x - edge0) / (edge1 - edge0), 0, 1);
        return t * t * (3 - (2 * t));
    }
}
