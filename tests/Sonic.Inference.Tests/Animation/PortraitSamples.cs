using SkiaSharp;
using Sonic.Inference.Animation;
using Sonic.Inference.Faces;
using Sonic.Testing;

namespace Sonic.Inference.Tests.Animation;

/// <summary>
/// The real 512×512 close-up portrait (SampleMedia.Portrait) as a square crop of any size, with landmarks picked by hand
/// on the original (subject's right pupil at 201,207, left 302,203, nose tip 257,268, mouth centre 257,318).
/// </summary>
internal static class PortraitSamples
{
    private const float SampleSize = 512f;

    /// <summary>Row of the lip line in the original, picked by hand (the dark line between the lips).</summary>
    public const float LipLineY = 316f;

    public static PortraitCrop CloseUp(int size)
        => CloseUp(size, new BoxF(148, 150, 230, 222), [new(201, 207), new(302, 203), new(257, 268), new(257, 318), new(140, 255), new(382, 252)]);

    /// <summary>
    /// The same portrait with the landmarks BlazeFace (the project's detector) returns for it; its mouth keypoint
    /// (256.6, 318.1) lands 2 px below the lip line here.
    /// </summary>
    public static PortraitCrop CloseUpAsDetected(int size)
        => CloseUp(size, new BoxF(139.4f, 145.2f, 238.3f, 238.3f), [new(206.4f, 208.0f), new(309.3f, 208.5f), new(256.8f, 264.3f), new(256.6f, 318.1f), new(156.0f, 234.0f), new(362.6f, 235.3f)]);

    /// <summary>Scales a point of the 512-pixel original into a crop of side <paramref name="size"/>.</summary>
    public static float Scale(float value, int size) => value * size / SampleSize;

    private static PortraitCrop CloseUp(int size, BoxF box, PointF2[] keypoints)
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
