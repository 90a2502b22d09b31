using SkiaSharp;
using Sonic.Media.Images;

namespace Sonic.Media.Tests.Images;

public sealed class ExifOrientationTests
{
    // Stored image: 64×32, red top-left, green top-right, blue bottom-left, white bottom-right.
    // Expected corners as a viewer shows them, worked out by hand from the EXIF 2.3 definition of tag 0x0112
    // (where the stored 0th row and 0th column end up), not from the code under test.
    public static TheoryData<ushort, bool, string> Cases => new()
    {
        { 1, false, "RGBW" },
        { 2, false, "GRWB" }, // mirrored horizontally
        { 3, false, "WBGR" }, // rotated 180°
        { 4, false, "BWRG" }, // mirrored vertically
        { 5, true, "RBGW" },  // transposed
        { 6, true, "BRWG" },  // stored image must turn 90° clockwise
        { 7, true, "WGBR" },  // transverse
        { 8, true, "GWRB" },  // stored image must turn 90° counter-clockwise
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_JpegWithExifOrientation_ShowsImageAsAViewerWould(ushort orientation, bool swapsAxes, string corners)
    {
        using var stored = TestImages.Quadrants(64, 32);
        var jpeg = TestImages.WithExifOrientation(TestImages.Encode(stored, SKEncodedImageFormat.Jpeg), orientation);
        var path = TestImages.WriteTemp(jpeg, "rotated.jpg");

        using var image = new ImageLoader().Load(path);

        Assert.Equal(ImageFormats.Jpeg, image.Format);
        Assert.Equal(swapsAxes ? (32, 64) : (64, 32), (image.Width, image.Height));
        var w = image.Width;
        var h = image.Height;
        (int X, int Y, string Name)[] probes =
        [
            (w / 4, h / 4, "top-left"), ((3 * w) / 4, h / 4, "top-right"),
            (w / 4, (3 * h) / 4, "bottom-left"), ((3 * w) / 4, (3 * h) / 4, "bottom-right"),
        ];
        for (var i = 0; i < 4; i++)
        {
            TestImages.AssertColor(ColorOf(corners[i]), TestImages.MeanAround(image.Bitmap, probes[i].X, probes[i].Y), 40, probes[i].Name);
        }
    }

    [Fact]
    public void Apply_RotateClockwise_MovesEveryPixelExactly()
    {
        using var stored = new SKBitmap(new SKImageInfo(3, 2, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < 2; y++)
        {
            for (var x = 0; x < 3; x++)
            {
                stored.SetPixel(x, y, new SKColor((byte)(x * 10), (byte)(y * 10), 0));
            }
        }

        using var display = ImageOrientation.Apply(stored, SKEncodedOrigin.RightTop);

        // Turning 90° clockwise: the stored bottom-left pixel (0,1) is now top-left, stored (0,0) is top-right.
        Assert.Equal((2, 3), (display.Width, display.Height));
        Assert.Equal(new SKColor(0, 10, 0), display.GetPixel(0, 0));
        Assert.Equal(new SKColor(0, 0, 0), display.GetPixel(1, 0));
        Assert.Equal(new SKColor(20, 10, 0), display.GetPixel(0, 2));
        Assert.Equal(new SKColor(20, 0, 0), display.GetPixel(1, 2));
    }

    private static SKColor ColorOf(char c) => c switch
    {
        'R' => TestImages.Red,
        'G' => TestImages.Green,
        'B' => TestImages.Blue,
        _ => TestImages.White,
    };
}
