using Sonic.Inference.Faces;
using static Sonic.Inference.Animation.Mesh.RigMath;

namespace Sonic.Inference.Animation.Mesh;

/// <summary>
/// Paints what a posed mouth shows between its inner lips: upper teeth under the upper lip (the source's own teeth
/// when the portrait shows them, else teeth lit and tinted like the face, with faint gaps between them), a tongue low
/// in a wide opening, and a cavity that darkens with depth and towards the middle. Only the inside of the inner-lip
/// contour is painted, feathered over 1.5 px, so nothing dark lands on the lips or the skin.
/// </summary>
internal sealed class MouthInterior
{
    // The lips' edge blends into the cavity over this many pixels instead of a cut.
    private const float Feather = 1.5f;

    private static readonly (byte R, byte G, byte B) NeutralTeeth = (244, 236, 214);

    // Lower-lip landmarks whose source colour tints the teeth, the tongue and the cavity's edge to the picture's light.
    private static readonly int[] LipSamples = [14, 87, 178, 317, 402, 17, 84, 314];

    // Cheek landmarks whose brightness sets the teeth's: teeth in a dim photo are dim.
    private static readonly int[] CheekSamples = [50, 280, 205, 425, 36, 266];

    // Where one tooth meets the next, from the middle, in mouth widths (incisors, laterals, canines).
    private static readonly float[] ToothEdges = [0f, 0.12f, 0.21f, 0.29f];

    private readonly int size;
    private readonly byte[] source;
    private readonly float faceHeight;
    private readonly float restOpening;
    private readonly (byte R, byte G, byte B) teeth;
    private readonly (byte R, byte G, byte B) tongue;
    private readonly (byte R, byte G, byte B) cavityEdge;
    private readonly (byte R, byte G, byte B) cavityDeep;

    // One frame's contours and per-column values, rewritten by every Paint (one stream at a time, no garbage per frame).
    private readonly PointF2[] upperContour = new PointF2[FaceRigMesh.UpperInnerLip.Length];
    private readonly PointF2[] lowerContour = new PointF2[FaceRigMesh.LowerInnerLip.Length];
    private readonly PointF2[] lowerEdge = new PointF2[FaceRigMesh.LowerInnerLip.Length];
    private readonly PointF2[] polygon = new PointF2[(2 * FaceRigMesh.UpperInnerLip.Length) - 2];
    private readonly float[] top;
    private readonly float[] bottom;
    private readonly float[] across;
    private readonly float[] gap;
    private readonly List<float> crossings = new(8);
    private readonly List<int> nearEdges = new(8);

    // The source's own teeth: the rest pose's inner-lip contours, when the gap between them shows teeth.
    private readonly PointF2[]? sourceUpper;
    private readonly PointF2[]? sourceLower;

    public MouthInterior(int size, byte[] sourceRgba, IReadOnlyList<PointF2> rest, float faceHeight)
    {
        this.size = size;
        source = sourceRgba;
        this.faceHeight = faceHeight;
        (top, bottom, across, gap) = (new float[size], new float[size], new float[size], new float[size]);
        restOpening = Opening(rest);
        var lip = Average(LipSamples, rest);
        var cheekLuma = Luma(Average(CheekSamples, rest));

        // Neutral teeth look blue against a warm photo and glow in a dim one: tint them with the lips' colour and
        // light them half as bright again as the cheeks, within what still reads as teeth.
        var tinted = Mix(NeutralTeeth, lip, 0.2f);
        teeth = Shade(tinted, Math.Clamp(1.5f * cheekLuma, 175, 235) / MathF.Max(1, Luma(tinted)));
        tongue = Shade(Mix(lip, (200, 90, 90), 0.3f), 0.7f);

        // The cavity in the lips' hue, no darker at its edge than the portrait's own darkest mouth pixel and at most a
        // fifth darker in its depth: a stone bust's mouth is shaded stone, a photo's nearly black.
        var darkest = DarkestMouthLuma(rest);
        var lipLuma = MathF.Max(1, Luma(lip));
        cavityEdge = Shade(lip, Math.Clamp(MathF.Max(0.55f * lipLuma, darkest + 4) / lipLuma, 0, 1));
        cavityDeep = Shade(lip, Math.Clamp(MathF.Max(24, 0.8f * darkest) / lipLuma, 0, 1));

        // Teeth in the source: a gap of at least 1 % of the face whose middle is clearly brighter than the lips.
        var upper = FaceRigMesh.UpperInnerLip.Select(i => rest[i]).ToArray();
        var lower = FaceRigMesh.LowerInnerLip.Select(i => rest[i]).ToArray();
        if (restOpening >= 0.01f * faceHeight && GapLuma(upper, lower) > MathF.Max(1.15f * Luma(lip), 100))
        {
            (sourceUpper, sourceLower) = (upper, lower);
        }
    }

    /// <summary>Whether the portrait's own teeth are reused.</summary>
    public bool ReusesSourceTeeth => sourceUpper is not null;

    /// <summary>Paints the opening of <paramref name="posed"/> into <paramref name="frame"/>; a mouth the pose did not open is left alone.</summary>
    public void Paint(byte[] frame, PointF2[] posed)
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
        var lips = FaceRigMesh.UpperInnerLip.Length;
        for (var k = 0; k < lips; k++)
        {
            var (u, l) = (posed[FaceRigMesh.UpperInnerLip[k]], posed[FaceRigMesh.LowerInnerLip[k]]);
            upperContour[k] = u;
            lowerContour[k] = l;
            lowerEdge[k] = new PointF2(l.X + (0.2f * (u.X - l.X)), l.Y + (0.2f * (u.Y - l.Y)));
            polygon[k] = u;
        }

        for (var k = 1; k < lips - 1; k++)
        {
            polygon[lips - 1 + k] = lowerEdge[lips - 1 - k];
        }

        FillLipStrip(frame);

        // Per column: the opening's top and bottom, and how far across the mouth it is (0 at the corners, 1 mid).
        var (mouthLeft, mouthRight, highest, lowest) = (float.MaxValue, float.MinValue, float.MaxValue, float.MinValue);
        foreach (var p in polygon)
        {
            (mouthLeft, mouthRight) = (MathF.Min(mouthLeft, p.X), MathF.Max(mouthRight, p.X));
            (highest, lowest) = (MathF.Min(highest, p.Y), MathF.Max(lowest, p.Y));
        }

        var width = MathF.Max(1, mouthRight - mouthLeft);
        var first = Math.Max(0, (int)MathF.Floor(mouthLeft));
        var last = Math.Min(size - 1, (int)MathF.Ceiling(mouthRight));
        for (var c = 0; c <= last - first; c++)
        {
            var x = first + c + 0.5f;
            top[c] = InterpolatePoints(upperContour, x);
            bottom[c] = InterpolatePoints(lowerEdge, x);
            var u = (x - mouthLeft) / width;
            across[c] = Math.Clamp(1 - MathF.Abs((2 * u) - 1), 0, 1);
            gap[c] = ToothGap(MathF.Abs(u - 0.5f));
        }

        // The upper teeth reach down a third of the opening, at most 4.5 % of the face, shorter towards the corners.
        var teethDepth = MathF.Min(0.3f * opening, 0.045f * faceHeight);
        var wide = Math.Clamp(((opening / faceHeight) - 0.03f) / 0.05f, 0, 1);
        for (var y = Math.Max(0, (int)MathF.Floor(highest)); y <= Math.Min(size - 1, (int)MathF.Ceiling(lowest)); y++)
        {
            var yc = y + 0.5f;
            Crossings(polygon, yc, crossings);
            NearEdges(polygon, yc, nearEdges);
            for (var k = 0; k + 1 < crossings.Count; k += 2)
            {
                var from = Math.Max(first, (int)MathF.Ceiling(crossings[k] - 0.5f));
                var to = Math.Min(last, (int)MathF.Floor(crossings[k + 1] - 0.5f));
                for (var x = from; x <= to; x++)
                {
                    var c = x - first;
                    var local = MathF.Max(1, bottom[c] - top[c]);
                    var into = yc - top[c];
                    var depth = Math.Clamp(into / local, 0, 1);
                    var teethHere = MathF.Min(teethDepth * (0.55f + (0.45f * MathF.Sqrt(across[c]))), 0.7f * local);
                    var colour = into < teethHere && across[c] > 0.15f
                        ? Tooth(x, into, teethHere, across[c], gap[c], posed)
                        : Cavity(depth, across[c], wide);
                    var alpha = MathF.Min(1, EdgeDistance(polygon, nearEdges, x + 0.5f, yc) / Feather);
                    var o = ((y * size) + x) * 4;
                    frame[o] = (byte)((colour.R * alpha) + (frame[o] * (1 - alpha)) + 0.5f);
                    frame[o + 1] = (byte)((colour.G * alpha) + (frame[o + 1] * (1 - alpha)) + 0.5f);
                    frame[o + 2] = (byte)((colour.B * alpha) + (frame[o + 2] * (1 - alpha)) + 0.5f);
                }
            }
        }
    }

    /// <summary>
    /// An upper tooth's pixel <paramref name="into"/> pixels below the upper lip: the source's own teeth carried down
    /// with the lip when it has them; else shaded teeth, darker under the lip and towards the corners, with gaps.
    /// </summary>
    private (byte R, byte G, byte B) Tooth(int x, float into, float teethHere, float across, float gap, PointF2[] posed)
    {
        if (sourceUpper is not null && sourceLower is not null)
        {
            // The same place across the rest mouth, the same depth below its upper lip, while inside the rest gap.
            var (left, right) = (posed[FaceRigMesh.UpperInnerLip[0]].X, posed[FaceRigMesh.UpperInnerLip[^1]].X);
            var u = (x + 0.5f - left) / MathF.Max(1, right - left);
            var sx = sourceUpper[0].X + (u * (sourceUpper[^1].X - sourceUpper[0].X));
            var restTop = InterpolatePoints(sourceUpper, sx);
            var restBottom = InterpolatePoints(sourceLower, sx);
            var sy = restTop + into;
            if (sy < restBottom - 1 && sx >= 0 && sx < size && sy >= 0 && sy < size)
            {
                var o = (((int)sy * size) + (int)sx) * 4;
                return (source[o], source[o + 1], source[o + 2]);
            }
        }

        var fromLip = Math.Clamp(into / MathF.Max(1, teethHere), 0, 1);
        var light = (0.84f + (0.16f * MathF.Min(1, (across - 0.15f) * 2.5f))) * (0.9f + (0.1f * MathF.Min(1, fromLip * 3)));
        return Shade(teeth, light * (1 - (0.22f * gap * fromLip)));
    }

    /// <summary>The cavity behind the teeth: darker with depth and towards the middle; in a wide opening, a tongue low down.</summary>
    private (byte R, byte G, byte B) Cavity(float depth, float across, float wide)
    {
        var cavity = Mix(cavityEdge, cavityDeep, MathF.Min(1, across * (0.4f + depth)));
        var tongueTop = 1 - (0.38f * wide * MathF.Sqrt(across));
        var onTongue = SmoothStep(tongueTop - 0.06f, tongueTop + 0.06f, depth) * wide;
        return Mix(cavity, Shade(tongue, 0.75f + (0.25f * depth)), onTongue);
    }

    /// <summary>How much a column at <paramref name="offset"/> mouth widths from the middle lies in a gap between teeth (0–1).</summary>
    private static float ToothGap(float offset)
    {
        var nearest = float.MaxValue;
        foreach (var edge in ToothEdges)
        {
            nearest = MathF.Min(nearest, MathF.Abs(offset - edge));
        }

        return MathF.Max(0, 1 - (nearest / 0.008f));
    }

    /// <summary>
    /// Between the cavity's lower edge and the lower lip's landmarks no triangle is drawn (the mouth is an opening in
    /// the mesh): that strip takes the lower lip's own texture, mirrored about its contour.
    /// </summary>
    private void FillLipStrip(byte[] frame)
    {
        var contour = lowerContour;
        var left = (int)MathF.Ceiling(contour[0].X);
        var right = (int)MathF.Floor(contour[^1].X);
        for (var x = Math.Max(0, left); x <= Math.Min(size - 1, right); x++)
        {
            var lip = InterpolatePoints(contour, x + 0.5f);
            var edge = InterpolatePoints(lowerEdge, x + 0.5f);
            for (var y = Math.Max(0, (int)MathF.Floor(edge)); y <= Math.Min(size - 1, (int)MathF.Ceiling(lip)); y++)
            {
                var from = (((int)Math.Clamp(lip + 1 + (lip - y), 0, size - 1) * size) + x) * 4;
                var to = ((y * size) + x) * 4;
                frame[to] = frame[from];
                frame[to + 1] = frame[from + 1];
                frame[to + 2] = frame[from + 2];
            }
        }
    }

    /// <summary>The darkest luma of the source inside the rest pose's outer lips.</summary>
    private float DarkestMouthLuma(IReadOnlyList<PointF2> rest)
    {
        var outline = FaceRigMesh.UpperLipOuter.Concat(FaceRigMesh.LowerLipOuter.Reverse().Skip(1).SkipLast(1)).Select(i => rest[i]).ToArray();
        var darkest = 255f;
        var crossing = new List<float>(8);
        for (var y = Math.Max(0, (int)outline.Min(p => p.Y)); y <= Math.Min(size - 1, (int)outline.Max(p => p.Y)); y++)
        {
            Crossings(outline, y + 0.5f, crossing);
            for (var k = 0; k + 1 < crossing.Count; k += 2)
            {
                for (var x = Math.Max(0, (int)MathF.Ceiling(crossing[k] - 0.5f)); x <= Math.Min(size - 1, (int)MathF.Floor(crossing[k + 1] - 0.5f)); x++)
                {
                    var o = ((y * size) + x) * 4;
                    darkest = MathF.Min(darkest, Luma((source[o], source[o + 1], source[o + 2])));
                }
            }
        }

        return darkest;
    }

    /// <summary>The source's mean luma in the middle half of the rest gap, along its middle line.</summary>
    private float GapLuma(PointF2[] upper, PointF2[] lower)
    {
        var (left, right) = (upper[0].X, upper[^1].X);
        var sum = 0f;
        var count = 0;
        for (var x = (int)(left + (0.25f * (right - left))); x <= (int)(left + (0.75f * (right - left))); x++)
        {
            var y = (int)((InterpolatePoints(upper, x + 0.5f) + InterpolatePoints(lower, x + 0.5f)) / 2);
            if (x >= 0 && x < size && y >= 0 && y < size)
            {
                var o = ((y * size) + x) * 4;
                sum += Luma((source[o], source[o + 1], source[o + 2]));
                count++;
            }
        }

        return count == 0 ? 0 : sum / count;
    }

    private (byte R, byte G, byte B) Average(int[] landmarks, IReadOnlyList<PointF2> rest)
    {
        var (r, g, b) = (0.0, 0.0, 0.0);
        foreach (var i in landmarks)
        {
            var o = (((int)Math.Clamp(rest[i].Y, 0, size - 1) * size) + (int)Math.Clamp(rest[i].X, 0, size - 1)) * 4;
            (r, g, b) = (r + source[o], g + source[o + 1], b + source[o + 2]);
        }

        return ((byte)(r / landmarks.Length), (byte)(g / landmarks.Length), (byte)(b / landmarks.Length));
    }

    /// <summary>The gap between the inner lips' middles.</summary>
    public static float Opening(IReadOnlyList<PointF2> points)
        => points[FaceRigMesh.LowerInnerLip[FaceRigMesh.LowerInnerLip.Length / 2]].Y - points[FaceRigMesh.UpperInnerLip[FaceRigMesh.UpperInnerLip.Length / 2]].Y;

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

    /// <summary>The edges of <paramref name="polygon"/> (by their first vertex) that come within the feather of row <paramref name="y"/>.</summary>
    private static void NearEdges(PointF2[] polygon, float y, List<int> edges)
    {
        edges.Clear();
        for (var i = 0; i < polygon.Length; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Length]);
            if (MathF.Min(a.Y, b.Y) - Feather <= y && MathF.Max(a.Y, b.Y) + Feather >= y)
            {
                edges.Add(i);
            }
        }
    }

    /// <summary>The distance from (x, y) to the nearest of <paramref name="edges"/>, or the feather when none is nearer.</summary>
    private static float EdgeDistance(PointF2[] polygon, List<int> edges, float x, float y)
    {
        var nearest = Feather * Feather;
        foreach (var i in edges)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Length]);
            var (ex, ey) = (b.X - a.X, b.Y - a.Y);
            var t = Math.Clamp((((x - a.X) * ex) + ((y - a.Y) * ey)) / MathF.Max(1e-6f, (ex * ex) + (ey * ey)), 0, 1);
            var (dx, dy) = (a.X + (t * ex) - x, a.Y + (t * ey) - y);
            nearest = MathF.Min(nearest, (dx * dx) + (dy * dy));
        }

        return MathF.Sqrt(nearest);
    }

    private static void Crossings(PointF2[] polygon, float y, List<float> xs)
    {
        xs.Clear();
        for (var i = 0; i < polygon.Length; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Length]);
            if ((a.Y <= y) != (b.Y <= y))
            {
                xs.Add(a.X + ((y - a.Y) / (b.Y - a.Y) * (b.X - a.X)));
            }
        }

        xs.Sort();
    }

    private static float Luma((byte R, byte G, byte B) c) => (0.299f * c.R) + (0.587f * c.G) + (0.114f * c.B);

    private static (byte R, byte G, byte B) Mix((byte R, byte G, byte B) a, (byte R, byte G, byte B) b, float t)
        => ((byte)(a.R + ((b.R - a.R) * t)), (byte)(a.G + ((b.G - a.G) * t)), (byte)(a.B + ((b.B - a.B) * t)));

    private static (byte R, byte G, byte B) Shade((byte R, byte G, byte B) c, float f)
        => ((byte)Math.Min(255, c.R * f), (byte)Math.Min(255, c.G * f), (byte)Math.Min(255, c.B * f));

}
