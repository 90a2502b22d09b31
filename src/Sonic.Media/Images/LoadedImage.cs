using SkiaSharp;

namespace Sonic.Media.Images;

/// <summary>
/// A decoded image: RGBA8888 unpremultiplied pixels with the EXIF orientation already applied, and the container
/// format found by content sniffing ("png", "jpeg" or "webp"). Owns <see cref="Bitmap"/>.
/// </summary>
public sealed record LoadedImage(SKBitmap Bitmap, string Format) : IDisposable
{
    public int Width => Bitmap.Width;

    public int Height => Bitmap.Height;

    public void Dispose() => Bitmap.Dispose();
}
