using SkiaSharp;

namespace Sonic.Media.Images;

/// <summary>
/// Applies an EXIF orientation (SKEncodedOrigin, TIFF tag 0x0112) by moving pixels, so that every later stage sees
/// the image as a viewer shows it. Pure index arithmetic: exact, no resampling.
/// </summary>
public static class ImageOrientation
{
    /// <summary>
    /// Returns a new RGBA8888 bitmap in display orientation, or <paramref name="stored"/> itself for
    /// <see cref="SKEncodedOrigin.TopLeft"/>. The caller keeps ownership of <paramref name="stored"/>.
    /// </summary>
    public static SKBitmap Apply(SKBitmap stored, SKEncodedOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return stored;
        }

        if (stored.ColorType != SKColorType.Rgba8888)
        {
            throw new ArgumentException("Expected an RGBA8888 bitmap.", nameof(stored));
        }

        var w = stored.Width;
        var h = stored.Height;
        var swapsAxes = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var dw = swapsAxes ? h : w;
        var dh = swapsAxes ? w : h;

        var display = new SKBitmap(new SKImageInfo(dw, dh, SKColorType.Rgba8888, stored.AlphaType));
        var src = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(stored.GetPixelSpan());
        var dst = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(display.GetPixelSpan());
        var srcStride = stored.RowBytes / 4;
        var dstStride = display.RowBytes / 4;

        for (var y = 0; y < dh; y++)
        {
            for (var x = 0; x < dw; x++)
            {
                // (sx, sy): the stored pixel that a viewer shows at (x, y). Orientation names say where the stored
                // 0th row and 0th column end up (EXIF 2.3, tag Orientation).
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),            // 2: mirrored horizontally
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y), // 3: rotated 180°
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),          // 4: mirrored vertically
                    SKEncodedOrigin.LeftTop => (y, x),                     // 5: transposed
                    SKEncodedOrigin.RightTop => (y, h - 1 - x),            // 6: needs 90° clockwise
                    SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x), // 7: transverse
                    SKEncodedOrigin.LeftBottom => (w - 1 - y, x),          // 8: needs 90° counter-clockwise
                    _ => (x, y),
                };
                dst[(y * dstStride) + x] = src[(sy * srcStride) + sx];
            }
        }

        return display;
    }
}
