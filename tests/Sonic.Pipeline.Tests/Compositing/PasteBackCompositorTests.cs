using SkiaSharp;
using Sonic.Media.Video;
using Sonic.Pipeline.Compositing;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Compositing;

public sealed class PasteBackCompositorTests
{
    [Fact]
    public void Compose_UnscaledSource_LeavesPixelsFarFromTheCropEqualToTheSource()
    {
        using var source = NoiseBitmap(600, 800, seed: 1);
        var compositor = new PasteBackCompositor(source, cropX: 150, cropY: 200, cropSide: 300, outputResolution: 1080);
        var crop = SyntheticFrames.Solid(300, 300, 10, 220, 30);

        compositor.Compose(crop);
        var frame = compositor.Compose(crop);

        Assert.Equal((600, 800), (frame.Width, frame.Height));
        foreach (var (x, y) in new[] { (5, 5), (590, 790), (100, 400), (500, 300), (300, 150), (300, 560) })
        {
            Assert.Equal(SourcePixel(source, x, y), Pixel(frame, x, y));
        }
    }

    [Fact]
    public void Compose_ScaledSource_LeavesAUniformBackgroundRegionItsColour()
    {
        using var source = TwoToneBitmap(1284, 2283);
        var compositor = new PasteBackCompositor(source, cropX: 400, cropY: 300, cropSide: 600, outputResolution: 1080);

        var frame = compositor.Compose(SyntheticFrames.Solid(512, 512, 255, 255, 255));

        Assert.Equal((1080, 1920), (frame.Width, frame.Height));
        Assert.Equal((200, 40, 90, 255), Pixel(frame, 540, 1800)); // bottom half is one colour, far below the crop
        Assert.Equal((20, 60, 180, 255), Pixel(frame, 30, 30));    // top-left corner, outside the crop
    }

    [Theory]
    [InlineData(256)]
    [InlineData(512)]
    [InlineData(673)]
    public void Compose_SolidCrop_PutsTheCropColourAtTheCropCentre(int cropFrameSide)
    {
        using var source = NoiseBitmap(1284, 2283, seed: 2);
        var compositor = new PasteBackCompositor(source, cropX: 300, cropY: 600, cropSide: 800, outputResolution: 1080);
        var layout = compositor.Layout;

        var frame = compositor.Compose(SyntheticFrames.Solid(cropFrameSide, cropFrameSide, 250, 10, 120));

        var (r, g, b, _) = Pixel(frame, layout.CropX + (layout.CropSide / 2), layout.CropY + (layout.CropSide / 2));
        Assert.InRange(r, 249, 251);
        Assert.InRange(g, 9, 11);
        Assert.InRange(b, 119, 121);
        var inner = layout.CropX + layout.FeatherPixels + 1;
        Assert.InRange(Pixel(frame, inner, layout.CropY + layout.FeatherPixels + 1).R, 249, 251);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(1024)]
    public void Compose_SmoothCrop_MatchesAnIndependentHighQualityResizeInsideTheSeam(int cropFrameSide)
    {
        using var source = SolidBitmap(1284, 2283, SKColors.Black);
        var compositor = new PasteBackCompositor(source, cropX: 300, cropY: 600, cropSide: 800, outputResolution: 1080);
        var layout = compositor.Layout;
        var crop = SmoothCrop(cropFrameSide);
        using var reference = Resize(crop, layout.CropSide);

        var frame = compositor.Compose(crop);

        double error = 0;
        var count = 0;
        for (var y = layout.FeatherPixels; y < layout.CropSide - layout.FeatherPixels; y += 3)
        {
            for (var x = layout.FeatherPixels; x < layout.CropSide - layout.FeatherPixels; x += 3)
            {
                var expected = reference.GetPixel(x, y);
                var actual = Pixel(frame, layout.CropX + x, layout.CropY + y);
                error += Math.Abs(expected.Red - actual.R) + Math.Abs(expected.Green - actual.G) + Math.Abs(expected.Blue - actual.B);
                count += 3;
            }
        }

        Assert.InRange(error / count, 0, 1.5);
    }

    [Theory]
    [InlineData(512, 4, -3)]   // resized crop: the shift rides on the resize
    [InlineData(673, -5, 2)]   // crop already the rectangle's size: a corrected one goes through the resampler too
    public void Compose_ShiftCorrection_MatchesTheCropShiftedBeforehand(int cropFrameSide, int shiftX, int shiftY)
    {
        using var source = SolidBitmap(1284, 2283, SKColors.Black);
        var corrected = new PasteBackCompositor(source, cropX: 300, cropY: 600, cropSide: 800, outputResolution: 1080);
        var plain = new PasteBackCompositor(source, cropX: 300, cropY: 600, cropSide: 800, outputResolution: 1080);
        var layout = corrected.Layout;
        var crop = SmoothCrop(cropFrameSide);

        var actual = corrected.Compose(crop, new CropCorrection(shiftX, shiftY, 1, 1, 1));
        var expected = plain.Compose(Shifted(crop, shiftX, shiftY));

        // Away from the crop's border (where the two clamp differently) the pictures agree.
        var margin = layout.FeatherPixels + 12;
        double error = 0;
        var count = 0;
        for (var y = margin; y < layout.CropSide - margin; y += 3)
        {
            for (var x = margin; x < layout.CropSide - margin; x += 3)
            {
                var (e, a) = (Pixel(expected, layout.CropX + x, layout.CropY + y), Pixel(actual, layout.CropX + x, layout.CropY + y));
                error += Math.Abs(e.R - a.R) + Math.Abs(e.G - a.G) + Math.Abs(e.B - a.B);
                count += 3;
            }
        }

        Assert.InRange(error / count, 0, 0.6);
    }

    [Fact]
    public void Compose_GainCorrection_ScalesEachColourChannel()
    {
        using var source = NoiseBitmap(1284, 2283, seed: 4);
        var compositor = new PasteBackCompositor(source, cropX: 300, cropY: 600, cropSide: 800, outputResolution: 1080);
        var layout = compositor.Layout;

        var frame = compositor.Compose(SyntheticFrames.Solid(512, 512, 100, 150, 200), new CropCorrection(0.4, -0.7, 1.1f, 0.9f, 1.05f));

        var (r, g, b, a) = Pixel(frame, layout.CropX + (layout.CropSide / 2), layout.CropY + (layout.CropSide / 2));
        Assert.Equal((110, 135, 210, 255), (r, g, b, a));
    }

    [Fact]
    public void Compose_WhiteCropOnBlack_RampsMonotonicallyAcrossTheFeatherBand()
    {
        using var source = SolidBitmap(1000, 1000, SKColors.Black);
        var compositor = new PasteBackCompositor(source, cropX: 300, cropY: 300, cropSide: 400, outputResolution: 1080);
        var layout = compositor.Layout;

        var frame = compositor.Compose(SyntheticFrames.Solid(400, 400, 255, 255, 255));

        var y = layout.CropY + (layout.CropSide / 2);
        var values = Enumerable.Range(layout.CropX - 5, layout.FeatherPixels + 10).Select(x => Pixel(frame, x, y).R).ToList();
        Assert.Equal(0, values[0]);
        Assert.Equal(255, values[^1]);
        for (var i = 1; i < values.Count; i++)
        {
            Assert.True(values[i] >= values[i - 1], "not monotonic: " + string.Join(",", values));
        }

        Assert.True(values.Count(v => v is > 0 and < 255) >= layout.FeatherPixels - 2, "no gradual ramp: " + string.Join(",", values));
        var topValues = Enumerable.Range(layout.CropY - 5, layout.FeatherPixels + 10).Select(yy => Pixel(frame, layout.CropX + 200, yy).R).ToList();
        Assert.Equal(values, topValues);
    }

    [Fact]
    public void Compose_CropReachingPastTheFrame_IsClippedAndNotFeatheredAtTheBorder()
    {
        using var source = SolidBitmap(800, 600, SKColors.Black);
        var compositor = new PasteBackCompositor(source, cropX: -100, cropY: 0, cropSide: 400, outputResolution: 1080);

        var frame = compositor.Compose(SyntheticFrames.Solid(400, 400, 255, 255, 255));

        Assert.Equal(255, Pixel(frame, 0, 0).R);
        Assert.Equal(255, Pixel(frame, 0, 200).R);
        Assert.Equal(0, Pixel(frame, 299, 200).R); // the crop's right edge at x = 300 fades to the background
        Assert.Equal(0, Pixel(frame, 100, 420).R);
    }

    [Fact]
    public void Compose_ManyFrames_ReusesOneFrameAndDoesNotAllocatePerFrame()
    {
        using var source = NoiseBitmap(1284, 2283, seed: 3);
        var compositor = new PasteBackCompositor(source, cropX: 300, cropY: 600, cropSide: 800, outputResolution: 1080);
        var crop = SyntheticFrames.Solid(512, 512, 1, 2, 3);
        var first = compositor.Compose(crop);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 30; i++)
        {
            crop.Index = i;
            Assert.Same(first, compositor.Compose(crop));
        }

        var perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / 30.0;
        Assert.InRange(perFrame, 0, 256);
        Assert.Equal(29, first.Index);
    }

    [Fact]
    public void Constructor_CropOutsideThePicture_Throws()
    {
        using var source = SolidBitmap(400, 400, SKColors.Black);

        Assert.Throws<ArgumentException>(() => new PasteBackCompositor(source, 500, 0, 100, 1080));
    }

    [Fact]
    public void Compose_NonSquareCrop_Throws()
    {
        using var source = SolidBitmap(400, 400, SKColors.Black);
        var compositor = new PasteBackCompositor(source, 100, 100, 100, 1080);

        Assert.Throws<ArgumentException>(() => compositor.Compose(new RgbaFrame(100, 90)));
    }

    private static (byte R, byte G, byte B, byte A) Pixel(RgbaFrame frame, int x, int y)
    {
        var p = ((y * frame.Width) + x) * 4;
        return (frame.Pixels[p], frame.Pixels[p + 1], frame.Pixels[p + 2], frame.Pixels[p + 3]);
    }

    private static (byte R, byte G, byte B, byte A) SourcePixel(SKBitmap bitmap, int x, int y)
    {
        var c = bitmap.GetPixel(x, y);
        return (c.Red, c.Green, c.Blue, c.Alpha);
    }

    private static SKBitmap NoiseBitmap(int width, int height, int seed)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var pixels = new byte[width * height * 4];
        new Random(seed).NextBytes(pixels);
        for (var p = 3; p < pixels.Length; p += 4)
        {
            pixels[p] = 255;
        }

        pixels.CopyTo(bitmap.GetPixelSpan());
        return bitmap;
    }

    /// <summary>Smooth colour waves, so any shift or blur in the resize shows as a pixel difference.</summary>
    private static RgbaFrame SmoothCrop(int side)
    {
        var frame = new RgbaFrame(side, side);
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var p = ((y * side) + x) * 4;
                var (u, v) = ((double)x / side, (double)y / side);
                frame.Pixels[p] = (byte)(127.5 + (120 * Math.Sin(2 * Math.PI * 3 * u)));
                frame.Pixels[p + 1] = (byte)(127.5 + (120 * Math.Cos(2 * Math.PI * 2 * v)));
                frame.Pixels[p + 2] = (byte)(127.5 + (120 * Math.Sin(2 * Math.PI * (u + v) * 2)));
                frame.Pixels[p + 3] = 255;
            }
        }

        return frame;
    }

    /// <summary>shifted(x, y) = frame(x − dx, y − dy), edges clamped.</summary>
    private static RgbaFrame Shifted(RgbaFrame frame, int dx, int dy)
    {
        var side = frame.Width;
        var shifted = new RgbaFrame(side, side);
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var from = ((Math.Clamp(y - dy, 0, side - 1) * side) + Math.Clamp(x - dx, 0, side - 1)) * 4;
                Array.Copy(frame.Pixels, from, shifted.Pixels, ((y * side) + x) * 4, 4);
            }
        }

        return shifted;
    }

    private static SKBitmap Resize(RgbaFrame frame, int side)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        frame.Pixels.CopyTo(bitmap.GetPixelSpan());
        return bitmap.Resize(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKCubicResampler.Mitchell));
    }

    private static SKBitmap SolidBitmap(int width, int height, SKColor colour)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(colour);
        return bitmap;
    }

    /// <summary>Top half one colour, bottom half another; Bgra8888 on purpose, the colour type Skia decodes to.</summary>
    private static SKBitmap TwoToneBitmap(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(20, 60, 180));
        using var paint = new SKPaint { Color = new SKColor(200, 40, 90) };
        canvas.DrawRect(0, height / 2f, width, height / 2f, paint);
        return bitmap;
    }
}
