using SkiaSharp;
using Sonic.Media.Images;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Faces;

/// <summary>Portrait files made in the test from the sample media: rescaled, rotated with an EXIF tag.</summary>
internal static class PortraitFiles
{
    public static string Rescaled(string sample, int side)
    {
        using var image = new ImageLoader().Load(sample);
        var rgba = LanczosResampler.Resize(image.Bitmap, new SKRectI(0, 0, image.Width, image.Height), side, side);
        using var small = LanczosResampler.ToBitmap(rgba, side, side);
        return Write(small, SKEncodedImageFormat.Png, $"{side}.png");
    }

    /// <summary>
    /// The sample stored turned 90° counter-clockwise, with EXIF orientation 6 ("turn 90° clockwise to view"), as a
    /// phone held sideways writes it. Shown correctly it is the upright sample again.
    /// </summary>
    public static string StoredSidewaysWithExif(string sample)
    {
        using var image = new ImageLoader().Load(sample);
        using var sideways = ImageOrientation.Apply(image.Bitmap, SKEncodedOrigin.LeftBottom);
        using var data = sideways.Encode(SKEncodedImageFormat.Jpeg, 95);
        var jpeg = data.ToArray();
        byte[] app1 =
        [
            0xFF, 0xE1, 0x00, 0x22, .. "Exif\0\0"u8,
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // TIFF header, IFD0 at 8
            0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, // Orientation = 6
            0x00, 0x00, 0x00, 0x00,
        ];
        var path = Path.Combine(TestPaths.NewTempFolder("sonic-faces"), "sideways.jpg");
        File.WriteAllBytes(path, [.. jpeg.AsSpan(0, 2), .. app1, .. jpeg.AsSpan(2)]);
        return path;
    }

    private static string Write(SKBitmap bitmap, SKEncodedImageFormat format, string name)
    {
        using var data = bitmap.Encode(format, 100);
        var path = Path.Combine(TestPaths.NewTempFolder("sonic-faces"), name);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
