using System.Runtime.InteropServices;
using SkiaSharp;
using Sonic.Media.Video;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// A visible text mark in the bottom-right corner: white text with a dark outline at <see cref="Opacity"/>,
/// rendered once with SkiaSharp into a small RGBA patch and blended onto each output frame. The compositor reuses
/// its output frame and rewrites only the crop rectangle, so <see cref="Apply"/> saves the pixels under the patch
/// and <see cref="Restore"/> puts them back after the encoder took the frame; the mark never accumulates.
/// </summary>
public sealed class WatermarkOverlay
{
    public const double Opacity = 0.6;

    private readonly byte[] _patch;
    private readonly byte[] _saved;
    private readonly int _x;
    private readonly int _y;
    private readonly int _width;
    private readonly int _height;
    private readonly int _frameWidth;
    private bool _applied;

    public WatermarkOverlay(string text, int frameWidth, int frameHeight)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        _frameWidth = frameWidth;
        var size = Math.Max(12f, Math.Min(frameWidth, frameHeight) / 28f);
        using var font = new SKFont(SKTypeface.Default, size);
        using var fill = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var outline = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1f, size / 10f) };
        var textWidth = font.MeasureText(text);
        var pad = (int)Math.Ceiling(size / 4);
        _width = Math.Min(frameWidth, (int)Math.Ceiling(textWidth) + (2 * pad));
        _height = Math.Min(frameHeight, (int)Math.Ceiling(size * 1.3f) + (2 * pad));
        var margin = (int)Math.Round(Math.Min(frameWidth, frameHeight) * 0.02);
        _x = Math.Max(0, frameWidth - _width - margin);
        _y = Math.Max(0, frameHeight - _height - margin);
        _patch = new byte[_width * _height * 4];
        _saved = new byte[_patch.Length];

        var pin = GCHandle.Alloc(_patch, GCHandleType.Pinned);
        try
        {
            var info = new SKImageInfo(_width, _height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            using var surface = SKSurface.Create(info, pin.AddrOfPinnedObject(), _width * 4)
                ?? throw new InvalidOperationException("Skia could not create the watermark surface.");
            var canvas = surface.Canvas;
            canvas.Clear(SKColors.Transparent);
            var baseline = pad - font.Metrics.Ascent;
            canvas.DrawText(text, pad, baseline, SKTextAlign.Left, font, outline);
            canvas.DrawText(text, pad, baseline, SKTextAlign.Left, font, fill);
            canvas.Flush();
        }
        finally
        {
            pin.Free();
        }
    }

    /// <summary>Where the mark sits in the frame (pixels).</summary>
    public (int X, int Y, int Width, int Height) Bounds => (_x, _y, _width, _height);

    public void Apply(RgbaFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var pixels = frame.Pixels;
        for (var y = 0; y < _height; y++)
        {
            var o = (((_y + y) * _frameWidth) + _x) * 4;
            var p = y * _width * 4;
            pixels.AsSpan(o, _width * 4).CopyTo(_saved.AsSpan(p));
            for (var x = 0; x < _width; x++, o += 4, p += 4)
            {
                var alpha = (int)(_patch[p + 3] * Opacity);
                if (alpha == 0)
                {
                    continue;
                }

                for (var k = 0; k < 3; k++)
                {
                    pixels[o + k] = (byte)(((_patch[p + k] * alpha) + (pixels[o + k] * (255 - alpha)) + 127) / 255);
                }
            }
        }

        _applied = true;
    }

    public void Restore(RgbaFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!_applied)
        {
            return;
        }

        for (var y = 0; y < _height; y++)
        {
            _saved.AsSpan(y * _width * 4, _width * 4).CopyTo(frame.Pixels.AsSpan((((_y + y) * _frameWidth) + _x) * 4));
        }

        _applied = false;
    }
}
