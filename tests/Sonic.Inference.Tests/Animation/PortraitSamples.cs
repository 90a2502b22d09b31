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

    public static PortraitCrop Leonnado(int size)
    {
        using var original = SKBitmap.Decode(TestPaths.Sample("leonnado.jpg"));
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var scaled = original.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var scale = size / SampleSize;
        PointF2 P(float x, float y) => new(x * scale, y * scale);
        var face = new FaceDetection(
            new BoxF(150 * scale, 140 * scale, 250 * scale, 280 * scale),
            [P(207, 229), P(314, 226), P(258, 290), P(262, 338), P(150, 240), P(395, 240)],
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
