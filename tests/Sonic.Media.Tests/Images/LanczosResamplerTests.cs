using SkiaSharp;
using Sonic.Media.Images;

namespace Sonic.Media.Tests.Images;

public sealed class LanczosResamplerTests
{
    [Fact]
    public void Resize_SameSize_CopiesTheRegionExactly()
    {
        using var image = new ImageLoader().Load(Sonic.Testing.SampleMedia.Portrait);
        var region = new SKRectI(100, 120, 300, 320);

        var rgba = LanczosResampler.Resize(image.Bitmap, region, 200, 200);

        // At scale 1 every Lanczos tap but the centre lands on a zero of sinc: an exact copy.
        for (var y = 0; y < 200; y += 7)
        {
            for (var x = 0; x < 200; x += 5)
            {
                var c = image.Bitmap.GetPixel(100 + x, 120 + y);
                var i = ((y * 200) + x) * 4;
                Assert.Equal((c.Red, c.Green, c.Blue, c.Alpha), (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]));
            }
        }
    }

    [Theory]
    [InlineData(256, 100)]
    [InlineData(100, 256)]
    public void Resize_FlatColour_StaysExactlyThatColour(int from, int to)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(from, from, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(new SKColor(37, 140, 222, 255));

        var rgba = LanczosResampler.Resize(bitmap, new SKRectI(0, 0, from, from), to, to);

        Assert.Equal(to * to * 4, rgba.Length);
        for (var i = 0; i < rgba.Length; i += 4)
        {
            Assert.Equal((37, 140, 222, 255), (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]));
        }
    }

    [Fact]
    public void Resize_HalvingALinearRamp_KeepsTheRampAwayFromTheEdges()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(200, 4, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var x = 0; x < 200; x++)
        {
            for (var y = 0; y < 4; y++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)x, 0, 0));
            }
        }

        var rgba = LanczosResampler.Resize(bitmap, new SKRectI(0, 0, 200, 4), 100, 2);

        // Output pixel i covers source pixels 2i and 2i+1: a symmetric kernel on a ramp gives their mean, 2i + 0.5.
        for (var i = 10; i < 90; i++)
        {
            Assert.InRange(rgba[i * 4], (2 * i) - 1, (2 * i) + 2);
        }
    }

    [Fact]
    public void Resize_FineStripesShrunkFourTimes_AverageOutInsteadOfAliasing()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(256, 16, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var x = 0; x < 256; x++)
        {
            for (var y = 0; y < 16; y++)
            {
                bitmap.SetPixel(x, y, x % 2 == 0 ? SKColors.Black : SKColors.White);
            }
        }

        var rgba = LanczosResampler.Resize(bitmap, new SKRectI(0, 0, 256, 16), 64, 4);

        for (var x = 4; x < 60; x++)
        {
            Assert.InRange(rgba[x * 4], 120, 135);
        }
    }
}
