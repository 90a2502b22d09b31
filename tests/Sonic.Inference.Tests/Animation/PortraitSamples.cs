using SkiaSharp;
using Sonic.Inference.Animation;
using Sonic.Inference.Faces;
using Sonic.Testing;

namespace Sonic.Inference.Tests.Animation;

/// <summary>
/// The real 512×512 sample portrait as a square crop of any size, with landmarks picked by hand on the original
/// (subject's right eye at 207,229, left eye 314,226, nose tip 258,290, mouth centre 262,338).
/// </summary>
internal static class PortraitSamples
{
    private const float SampleSize = 512f;

    /// <summary>Row of the lip line in the original, picked by hand (the dark line between the lips).</summary>
    public const float LipLineY = 338f;

    public static PortraitCrop Leonnado(int size)
        => Leonnado(size, new BoxF(150, 140, 250, 280), [new(207, 229), new(314, 226), new(258, 290), new(262, 338), new(150, 240), new(395, 240)]);

    /// <summary>
    /// The same portrait with the landmarks BlazeFace (the project's detector) returns for it: its mouth keypoint
    /// (264, 351) sits on the lower lip, 13 px below the lip line.
    /// </summary>
    public static PortraitCrop LeonnadoAsDetected(int size)
        => Leonnado(size, new BoxF(129.5f, 139.8f, 270.2f, 270.2f), [new(202, 231), new(314, 222), new(258, 304), new(264, 351), new(155, 245), new(378, 229)]);

    /// <summary>Scales a point of the 512-pixel original into a crop of side <paramref name="size"/>.</summary>
    public static float Scale(float value, int size) => value * size / SampleSize;

    private static PortraitCrop Leonnado(int size, BoxF box, PointF2[] keypoints)
    {
        using var original = SKBitmap.Decode(SampleMedia.Portrait);
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var scaled = original.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var scale = size / SampleSize;
        PointF2 P(float x, float y) => new(x * scale, y * scale);
        var face = new FaceDetection(
            new BoxF(box.X * scale, box.Y * scale, box.Width * scale, box.Height * scale),
            [.. keypoints.Select(p => P(p.X, p.Y))],
            0.95f);
        return new PortraitCrop(size, scaled.GetPixelSpan().ToArray(), face);
    }

    /// <summary>A box of half-side <paramref name="halfSide"/> around a point, clamped to the crop.</summary>
    public static PixelBox Around(PointF2 centre, float halfSide, int size)
        => new(
            Math.Max(0, (int)(centre.X - halfSide)),
            Math.Max(0, (int)(centre.Y - halfSide)),
            Math.Min(size, (int)(centre.X + halfSide)),
            Math.Min(size, (int)(centre.Y + halfSide)));
}
