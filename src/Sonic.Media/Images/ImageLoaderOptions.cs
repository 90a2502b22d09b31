namespace Sonic.Media.Images;

/// <summary>Limits for decoding user images.</summary>
public sealed class ImageLoaderOptions
{
    /// <summary>
    /// Largest accepted pixel count (width × height). Decoding allocates 4 bytes per pixel before anything can look
    /// at the face, so a hostile 30 000 × 30 000 PNG must be refused up front. 64 MP covers any camera upload.
    /// </summary>
    public long MaxPixels { get; set; } = 64L * 1024 * 1024;
}
