using SkiaSharp;

namespace Sonic.Media.Tests.Images;

/// <summary>Images made in the test: solid blocks encoded by Skia, and a hand-made EXIF segment.</summary>
internal static class TestImages
{
    public static readonly SKColor Red = new(255, 0, 0);
    public static readonly SKColor Green = new(0, 255, 0);
    public static readonly SKColor Blue = new(0, 0, 255);
    public static readonly SKColor White = new(255, 255, 255);

    /// <summary>A <paramref name="width"/>×<paramref name="height"/> bitmap with four coloured quadrants: red top-left,
    /// green top-right, blue bottom-left, white bottom-right.</summary>
    public static SKBitmap Quadrants(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var left = x < width / 2;
                var top = y < height / 2;
                bitmap.SetPixel(x, y, (left, top) switch
                {
                    (true, true) => Red,
                    (false, true) => Green,
                    (true, false) => Blue,
                    _ => White,
                });
            }
        }

        return bitmap;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 100)
    {
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>
    /// Inserts an APP1 Exif segment holding one IFD0 entry, Orientation (tag 0x0112, SHORT) =
    /// <paramref name="orientation"/>, right after the JPEG's SOI marker. Big-endian ("MM") TIFF header.
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG.", nameof(jpeg));
        }

        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, // byte order, magic 42
            0x00, 0x00, 0x00, 0x08,           // IFD0 at offset 8
            0x00, 0x01,                       // one entry
            0x01, 0x12,                       // tag Orientation
            0x00, 0x03,                       // type SHORT
            0x00, 0x00, 0x00, 0x01,           // count 1
            (byte)(orientation >> 8), (byte)orientation, 0x00, 0x00, // value, left-justified
            0x00, 0x00, 0x00, 0x00,           // no next IFD
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2; // the length field counts itself
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    public static string WriteTemp(byte[] content, string fileName)
    {
        var path = Path.Combine(Sonic.Testing.TestPaths.NewTempFolder("sonic-images"), fileName);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Mean colour of a small square around (x, y).</summary>
    public static (double R, double G, double B) MeanAround(SKBitmap bitmap, int x, int y, int radius = 2)
    {
        double r = 0, g = 0, b = 0;
        var n = 0;
        for (var yy = y - radius; yy <= y + radius; yy++)
        {
            for (var xx = x - radius; xx <= x + radius; xx++)
            {
                var c = bitmap.GetPixel(xx, yy);
                r += c.Red;
                g += c.Green;
                b += c.Blue;
                n++;
            }
        }

        return (r / n, g / n, b / n);
    }

    public static void AssertColor(SKColor expected, (double R, double G, double B) actual, double tolerance, string where)
    {
        var distance = Math.Max(Math.Abs(expected.Red - actual.R), Math.Max(Math.Abs(expected.Green - actual.G), Math.Abs(expected.Blue - actual.B)));
        Assert.True(distance <= tolerance, $"{where}: expected {expected}, got ({actual.R:F0}, {actual.G:F0}, {actual.B:F0})");
    }
}
