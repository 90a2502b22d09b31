using SkiaSharp;
using Sonic.Media.Errors;
using Sonic.Media.Images;
using Sonic.Testing;

namespace Sonic.Media.Tests.Images;

public sealed class ImageLoaderTests
{
    private readonly ImageLoader loader = new();

    [Fact]
    public void Load_JpegDataBehindPngName_ReportsJpegAndItsSize()
    {
        using var image = loader.Load(SampleMedia.NoFaceJpegNamedPng);

        Assert.Equal(ImageFormats.Jpeg, image.Format);
        Assert.Equal(1284, image.Width);
        Assert.Equal(2283, image.Height);
    }

    [Fact]
    public void Load_RealJpegPortrait_DecodesToRgbaUnpremultipliedWithRealContent()
    {
        using var image = loader.Load(SampleMedia.Portrait);

        Assert.Equal(ImageFormats.Jpeg, image.Format);
        Assert.Equal((512, 512), (image.Width, image.Height));
        Assert.Equal(SKColorType.Rgba8888, image.Bitmap.ColorType);
        Assert.Equal(SKAlphaType.Unpremul, image.Bitmap.AlphaType);

        // A photo, not a blank: the luma spread across the frame is wide.
        var lumas = new List<double>();
        for (var y = 0; y < 512; y += 16)
        {
            for (var x = 0; x < 512; x += 16)
            {
                var c = image.Bitmap.GetPixel(x, y);
                lumas.Add((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue));
            }
        }

        Assert.True(lumas.Max() - lumas.Min() > 150, $"luma range {lumas.Min():F0}..{lumas.Max():F0}");
    }

    [Fact]
    public void Load_RealPng_ReportsPng()
    {
        using var image = loader.Load(SampleMedia.Cartoon);

        Assert.Equal(ImageFormats.Png, image.Format);
        Assert.Equal((512, 512), (image.Width, image.Height));
    }

    [Fact]
    public void Load_WebpSavedWithJpgName_ReportsWebpAndKeepsPixels()
    {
        using var source = TestImages.Quadrants(64, 32);
        var path = TestImages.WriteTemp(TestImages.Encode(source, SKEncodedImageFormat.Webp, 100), "photo.jpg");

        using var image = loader.Load(path);

        Assert.Equal(ImageFormats.WebP, image.Format);
        Assert.Equal((64, 32), (image.Width, image.Height));
        TestImages.AssertColor(TestImages.Red, TestImages.MeanAround(image.Bitmap, 16, 8), 40, "top-left");
        TestImages.AssertColor(TestImages.White, TestImages.MeanAround(image.Bitmap, 48, 24), 40, "bottom-right");
    }

    [Theory]
    [InlineData("GIF89a\x01\x00\x01\x00\x80\x00\x00", "anim.png")]
    [InlineData("BM\x3A\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00", "photo.jpg")]
    [InlineData("II*\x00\x08\x00\x00\x00", "scan.webp")]
    [InlineData("Hello, this is a text file, not a portrait.", "face.png")]
    public void Load_ContentThatIsNotPngJpegOrWebp_ThrowsUnsupportedFormat(string content, string fileName)
    {
        var path = TestImages.WriteTemp(content.Select(c => (byte)c).ToArray(), fileName);

        var ex = Assert.Throws<SonicJobException>(() => loader.Load(path));

        Assert.Equal(ErrorCodes.ImageUnsupportedFormat, ex.Code);
        Assert.Contains("PNG, JPEG and WebP", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RealGifMadeBySkia_ThrowsUnsupportedFormatNamingGif()
    {
        // Skia cannot encode GIF; a complete 1×1 GIF89a written by hand.
        byte[] gif =
        [
            .. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
        ];
        var path = TestImages.WriteTemp(gif, "face.png");

        var ex = Assert.Throws<SonicJobException>(() => loader.Load(path));

        Assert.Equal(ErrorCodes.ImageUnsupportedFormat, ex.Code);
        Assert.Contains("GIF", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Load_TruncatedFile_ThrowsUnreadable(SKEncodedImageFormat format)
    {
        using var source = TestImages.Quadrants(256, 256);
        var bytes = TestImages.Encode(source, format, 90);
        var path = TestImages.WriteTemp(bytes[..(bytes.Length / 2)], "cut.img");

        var ex = Assert.Throws<SonicJobException>(() => loader.Load(path));

        Assert.Equal(ErrorCodes.ImageUnreadable, ex.Code);
    }

    [Fact]
    public void Load_OnlyTheSignature_ThrowsUnreadable()
    {
        var path = TestImages.WriteTemp([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0], "sig.png");

        var ex = Assert.Throws<SonicJobException>(() => loader.Load(path));

        Assert.Equal(ErrorCodes.ImageUnreadable, ex.Code);
    }

    [Fact]
    public void Load_MissingFile_ThrowsInputNotFound()
    {
        var ex = Assert.Throws<SonicJobException>(() => loader.Load(Path.Combine(TestPaths.NewTempFolder(), "nobody.png")));

        Assert.Equal(ErrorCodes.InputNotFound, ex.Code);
    }

    [Fact]
    public void Load_MorePixelsThanAllowed_ThrowsTooLargeBeforeDecoding()
    {
        var small = new ImageLoader(options: new ImageLoaderOptions { MaxPixels = 100_000 });

        var ex = Assert.Throws<SonicJobException>(() => small.Load(SampleMedia.NoFaceJpegNamedPng));

        Assert.Equal(ErrorCodes.ImageTooLarge, ex.Code);
        Assert.Contains("1284×2283", ex.Message, StringComparison.Ordinal);
    }
}
