using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Inference.Animation;
using Sonic.Inference.Animation.Builtin;
using Sonic.Inference.Faces;
using Sonic.Inference.Landmarks;
using Sonic.Media.Images;
using Sonic.Testing;
using static Sonic.Inference.Tests.Animation.Mesh.ViewerMeasures;

namespace Sonic.Inference.Tests.Animation.Mesh;

/// <summary>
/// The built-in animator at its defaults (mesh rig, head motion on) on a photo, a drawing and a statue-like stone
/// portrait, measured only from its frames, as a viewer would: the landmark model finds the inner lips apart with the
/// sound and closed in the pauses; the upper face matches the source once aligned by the head's own motion; no new
/// pixel darker than the source's darkest mouth pixel appears outside the inner lips; the background is untouched.
/// </summary>
public sealed class MeshRigViewerTests(LandmarkModelsFixture models) : IClassFixture<LandmarkModelsFixture>, IDisposable
{
    private const int Size = 512;
    private const int Frames = 48;
    private const int Period = 6;

    private static readonly int[] OuterLips = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146];
    private static readonly int[] InnerLips = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95];
    private static readonly int[] EyesAndBrows = [70, 63, 105, 66, 107, 300, 293, 334, 296, 336, 33, 133, 145, 159, 263, 362, 374, 386, 46, 276];
    private static readonly int[] FaceOval = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109];

    private readonly BuiltinAnimator animator = new(LandmarkModelsFixture.Sessions, NullLogger<BuiltinAnimator>.Instance);

    public static TheoryData<string> Portraits => ["photo", "drawing", "statue"];

    [Theory]
    [MemberData(nameof(Portraits))]
    public void Animate_AsAViewerSeesIt_LipsFollowTheSound_TheRestIsTheSourceUpToHeadMotion(string kind)
    {
        var source = Portrait(kind);
        using var sourceBitmap = LanczosResampler.ToBitmap(source, Size, Size);
        var face = models.Detector.Detect(sourceBitmap)[0];
        var rest = models.Landmarker.Locate(sourceBitmap, face);
        var darkestMouth = Polygon(rest, OuterLips) is var lips ? Pixels(lips).Min(p => Luma(source, p.X, p.Y)) : 0;
        var background = BackgroundPixels(rest);
        var stable = StablePoints(rest);
        var warnings = new List<string>();
        var request = new AnimationRequest(new PortraitCrop(Size, source, face), SyntheticFeatures.Bursts(Frames, Period), 1.1f, 1.05f, 11, 1, Warn: warnings.Add);

        var gaps = new List<double>();
        var (aligned, unaligned, newDark, changedBackground) = (0.0, 0.0, 0, 0);
        foreach (var frame in animator.Animate(request, CancellationToken.None))
        {
            var pixels = frame.Pixels;
            using var bitmap = LanczosResampler.ToBitmap(pixels, Size, Size);
            var mesh = models.Landmarker.Locate(bitmap, face);
            gaps.Add(mesh.Points[FaceMesh.LowerInnerLip].Y - mesh.Points[FaceMesh.UpperInnerLip].Y);

            // The upper face, outside the eyes and brows, against the source moved by the head's similarity transform.
            var head = Similarity.Fit([.. stable.Select(i => rest.Points[i])], [.. stable.Select(i => mesh.Points[i])]);
            var (withHead, without) = UpperFaceResidual(source, pixels, rest, head);
            aligned = Math.Max(aligned, withHead);
            unaligned = Math.Max(unaligned, without);

            // New darkness around the mouth: darker than the source's darkest mouth pixel, outside the inner lips (2 px
            // of landmark slack), where the source had nothing that dark within reach of the head's motion.
            var inner = Polygon(mesh, InnerLips);
            foreach (var (x, y) in MouthSurround(mesh))
            {
                if (Luma(pixels, x, y) < darkestMouth - 2 && !Near(inner, x + 0.5f, y + 0.5f, 2) && NeighbourhoodMin(source, x, y, 6) >= darkestMouth - 2)
                {
                    newDark++;
                }
            }

            changedBackground += background.Count(i => pixels[i] != source[i]);
        }

        Assert.Empty(warnings);
        var loud = Enumerable.Range(0, Frames).Select(t => SyntheticFeatures.IsLoud(t, Period) ? 1.0 : 0.0).ToArray();
        var (correlation, lag) = Enumerable.Range(-1, 3).Select(l => (Correlation(loud, [.. gaps], l), l)).Max();
        var restGap = rest.Points[FaceMesh.LowerInnerLip].Y - rest.Points[FaceMesh.UpperInnerLip].Y;
        var pauses = Enumerable.Range(0, Frames).Where(t => !SyntheticFeatures.IsLoud(t, Period) && t % Period >= 3).Average(t => gaps[t]);
        var speech = Enumerable.Range(0, Frames).Where(t => SyntheticFeatures.IsLoud(t, Period) && t % Period >= 2).Average(t => gaps[t]);
        File.WriteAllText(
            Path.Combine(Path.GetTempPath(), $"sonic-mesh-viewer-{kind}.txt"),
            $"{kind}: r {correlation:F2} at lag {lag}; gap rest {restGap:F1}, pauses {pauses:F1}, speech {speech:F1} px; upper-face residual {aligned:F1} aligned, {unaligned:F1} not; new dark pixels {newDark}; background changed {changedBackground}\n");

        Assert.True(correlation >= 0.6, $"{kind}: inner-lip gap vs loudness r = {correlation:F2} at lag {lag}");
        // Closed in the pauses: within 3 px (0.6 % of the picture) of the portrait's own gap at rest.
        Assert.True(pauses <= restGap + 3, $"{kind}: gap {pauses:F1} px in pauses, {restGap:F1} px at rest");
        Assert.True(speech >= restGap + 6, $"{kind}: gap {speech:F1} px while speaking, {restGap:F1} px at rest");
        // Two bilinear resamplings (the rig's warp, this test's alignment) cost a few grey levels on a textured photo
        // (measured 3.5–5.9); the same frames compared without the head's motion differ by 12–23.
        Assert.True(aligned <= 8, $"{kind}: upper face differs from the head-aligned source by {aligned:F1} grey levels (unaligned {unaligned:F1})");
        Assert.Equal(0, newDark);
        Assert.Equal(0, changedBackground);
    }

    public void Dispose() => animator.Dispose();

    /// <summary>The test portraits, 512 px RGBA: the photo, the drawing, and the photo turned to pale, flat stone.</summary>
    private static byte[] Portrait(string kind)
    {
        using var image = new ImageLoader().Load(kind == "drawing" ? SampleMedia.Cartoon : SampleMedia.Portrait);
        var rgba = LanczosResampler.Resize(image.Bitmap, new SkiaSharp.SKRectI(0, 0, image.Width, image.Height), Size, Size);
        if (kind == "statue")
        {
            // Marble: no hue, compressed contrast, a warm grey.
            for (var i = 0; i < rgba.Length; i += 4)
            {
                var stone = 70 + (0.65f * ((0.299f * rgba[i]) + (0.587f * rgba[i + 1]) + (0.114f * rgba[i + 2])));
                (rgba[i], rgba[i + 1], rgba[i + 2]) = ((byte)Math.Min(255, stone * 1.02f), (byte)stone, (byte)(stone * 0.95f));
            }
        }

        return rgba;
    }

    /// <summary>The landmarks no articulation moves: above the nose tip, outside the band of the eyes and brows.</summary>
    private static int[] StablePoints(FaceMesh rest)
    {
        var eyes = Polygon(rest, EyesAndBrows);
        var (eyeTop, eyeBottom) = (eyes.Min(p => p.Y) - 6, eyes.Max(p => p.Y) + 6);
        return [.. Enumerable.Range(0, rest.Points.Count).Where(i => rest.Points[i].Y <= rest.Points[FaceMesh.NoseTip].Y && (rest.Points[i].Y < eyeTop || rest.Points[i].Y > eyeBottom))];
    }

    /// <summary>Mean absolute luma difference over the upper face (eyes and brows left out), aligned by <paramref name="head"/> and not.</summary>
    private static (double Aligned, double Unaligned) UpperFaceResidual(byte[] source, byte[] frame, FaceMesh rest, Similarity head)
    {
        var oval = Polygon(rest, FaceOval);
        var eyes = Polygon(rest, EyesAndBrows);
        var (eyeTop, eyeBottom) = (eyes.Min(p => p.Y) - 6, eyes.Max(p => p.Y) + 6);
        var noseTip = rest.Points[FaceMesh.NoseTip].Y;
        var region = Pixels(oval).Where(p => p.Y <= noseTip && (p.Y < eyeTop || p.Y > eyeBottom) && Inside(oval, p.X + 0.5f, p.Y + 0.5f, inset: 12)).ToArray();
        var unaligned = region.Average(p => Math.Abs(Luma(frame, p.X, p.Y) - Luma(source, p.X, p.Y)));

        // The frame's pixel (x, y) shows the source at the head transform's inverse. The landmark fit is good to a
        // pixel or so; a viewer lines the pictures up exactly, so the shift is refined over a ±1.5 px grid.
        var aligned = double.MaxValue;
        for (var dy = -1.5f; dy <= 1.5f; dy += 0.5f)
        {
            for (var dx = -1.5f; dx <= 1.5f; dx += 0.5f)
            {
                aligned = Math.Min(aligned, region.Average(p =>
                {
                    var (sx, sy) = head.Inverse(p.X + 0.5f + dx, p.Y + 0.5f + dy);
                    return Math.Abs(Luma(frame, p.X, p.Y) - Bilinear(source, sx - 0.5f, sy - 0.5f));
                }));
            }
        }

        return (aligned, unaligned);
    }

    /// <summary>Byte offsets of the pixels well away from the head: outside the face oval grown 1.7 times about its centre.</summary>
    private static int[] BackgroundPixels(FaceMesh rest)
    {
        var oval = Polygon(rest, FaceOval);
        var (cx, cy) = (oval.Average(p => p.X), oval.Average(p => p.Y));
        var grown = oval.Select(p => (X: cx + ((p.X - cx) * 1.7f), Y: cy + ((p.Y - cy) * 1.7f))).ToArray();
        return [.. Enumerable.Range(0, Size * Size).Where(i => !Inside(grown, (i % Size) + 0.5f, (i / Size) + 0.5f, 0)).SelectMany(i => new[] { i * 4, (i * 4) + 1, (i * 4) + 2 })];
    }

    /// <summary>
    /// Around the mouth, where a painted interior could spill: from just below the nose to a third of the mouth's
    /// width below the lower lip, a quarter of its width past either corner. (The chin's own shadow moves further
    /// with the jaw, which is the picture moving, not paint.)
    /// </summary>
    private static IEnumerable<(int X, int Y)> MouthSurround(FaceMesh mesh)
    {
        var p = mesh.Points;
        var width = p[FaceMesh.LeftMouthCorner].X - p[FaceMesh.RightMouthCorner].X;
        var (top, bottom) = ((int)p[2].Y + 4, Math.Min(Size - 1, (int)(p[17].Y + (width / 3))));
        var (left, right) = ((int)(p[FaceMesh.RightMouthCorner].X - (width / 4)), (int)(p[FaceMesh.LeftMouthCorner].X + (width / 4)));
        for (var y = Math.Max(0, top); y <= bottom; y++)
        {
            for (var x = Math.Max(0, left); x <= Math.Min(Size - 1, right); x++)
            {
                yield return (x, y);
            }
        }
    }

    private static (float X, float Y)[] Polygon(FaceMesh mesh, int[] indices) => [.. indices.Select(i => (mesh.Points[i].X, mesh.Points[i].Y))];

    private static IEnumerable<(int X, int Y)> Pixels((float X, float Y)[] polygon)
    {
        for (var y = Math.Max(0, (int)polygon.Min(p => p.Y)); y <= Math.Min(Size - 1, (int)polygon.Max(p => p.Y)); y++)
        {
            for (var x = Math.Max(0, (int)polygon.Min(p => p.X)); x <= Math.Min(Size - 1, (int)polygon.Max(p => p.X)); x++)
            {
                if (Inside(polygon, x + 0.5f, y + 0.5f, 0))
                {
                    yield return (x, y);
                }
            }
        }
    }

    /// <summary>Inside the polygon and at least <paramref name="inset"/> pixels from its edges.</summary>
    private static bool Inside((float X, float Y)[] polygon, float x, float y, float inset)
        => Winding(polygon, x, y) && (inset <= 0 || !Near(polygon, x, y, inset, insideCounts: false));

    private static float NeighbourhoodMin(byte[] rgba, int x, int y, int radius)
    {
        var darkest = float.MaxValue;
        for (var v = Math.Max(0, y - radius); v <= Math.Min(Size - 1, y + radius); v++)
        {
            for (var u = Math.Max(0, x - radius); u <= Math.Min(Size - 1, x + radius); u++)
            {
                darkest = MathF.Min(darkest, Luma(rgba, u, v));
            }
        }

        return darkest;
    }

    private static float Luma(byte[] rgba, int x, int y)
    {
        var o = ((y * Size) + x) * 4;
        return (0.299f * rgba[o]) + (0.587f * rgba[o + 1]) + (0.114f * rgba[o + 2]);
    }

    private static float Bilinear(byte[] rgba, float x, float y)
    {
        x = Math.Clamp(x, 0, Size - 1.001f);
        y = Math.Clamp(y, 0, Size - 1.001f);
        var (x0, y0) = ((int)x, (int)y);
        var (fx, fy) = (x - x0, y - y0);
        return (Luma(rgba, x0, y0) * (1 - fx) * (1 - fy)) + (Luma(rgba, x0 + 1, y0) * fx * (1 - fy))
            + (Luma(rgba, x0, y0 + 1) * (1 - fx) * fy) + (Luma(rgba, x0 + 1, y0 + 1) * fx * fy);
    }

    /// <summary>A 2-D similarity (rotation, uniform scale, shift) fitted by least squares: q ≈ s·R·p + t.</summary>
    private readonly record struct Similarity(double A, double B, double Tx, double Ty)
    {
        public static Similarity Fit(MeshPoint[] from, MeshPoint[] to)
        {
            var (fx, fy) = (from.Average(p => (double)p.X), from.Average(p => (double)p.Y));
            var (tx, ty) = (to.Average(p => (double)p.X), to.Average(p => (double)p.Y));
            double dot = 0, cross = 0, norm = 0;
            for (var i = 0; i < from.Length; i++)
            {
                var (px, py, qx, qy) = (from[i].X - fx, from[i].Y - fy, to[i].X - tx, to[i].Y - ty);
                (dot, cross, norm) = (dot + (px * qx) + (py * qy), cross + (px * qy) - (py * qx), norm + (px * px) + (py * py));
            }

            var (a, b) = (dot / norm, cross / norm);
            return new Similarity(a, b, tx - ((a * fx) - (b * fy)), ty - ((b * fx) + (a * fy)));
        }

        /// <summary>The source point that this transform takes to (x, y).</summary>
        public (float X, float Y) Inverse(float x, float y)
        {
            var (dx, dy, det) = (x - Tx, y - Ty, (A * A) + (B * B));
            return ((float)(((A * dx) + (B * dy)) / det), (float)(((A * dy) - (B * dx)) / det));
        }
    }
}
