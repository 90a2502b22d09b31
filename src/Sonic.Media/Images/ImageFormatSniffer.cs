namespace Sonic.Media.Images;

/// <summary>
/// Recognises an image container by its leading bytes, never by file name: uploads arrive with wrong extensions
/// (a phone screenshot shared as .png is often JPEG data).
/// </summary>
public static class ImageFormatSniffer
{
    /// <summary>The number of leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeaderLength = 16;

    /// <summary>
    /// Returns "png", "jpeg" or "webp" for an accepted format; otherwise <c>Accepted = false</c> with the name of a
    /// recognised but refused format ("gif", "bmp", …) or null when the bytes look like no image at all.
    /// </summary>
    public static (bool Accepted, string? Format) Sniff(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (true, ImageFormats.Png);
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return (true, ImageFormats.Jpeg);
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return (true, ImageFormats.WebP);
        }

        return (false, RefusedFormatName(header));
    }

    private static string? RefusedFormatName(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return "gif";
        }

        if (header.StartsWith("BM"u8))
        {
            return "bmp";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[(byte)'I', (byte)'I', 0x2A, 0x00])
            || header.StartsWith((ReadOnlySpan<byte>)[(byte)'M', (byte)'M', 0x00, 0x2A]))
        {
            return "tiff";
        }

        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
        {
            return header[8..12].SequenceEqual("avif"u8) ? "avif" : "heic";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0x00]))
        {
            return "ico";
        }

        return null;
    }
}
