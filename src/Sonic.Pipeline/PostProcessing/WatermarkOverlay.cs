using System.Runtime.InteropServices;
using SkiaSharp;
using Sonic.Media.Video;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// A visible text mark — the user's watermark in the bottom-right corner, the AI label top-left or centred — white
/// text with a dark outline at an opacity, rendered once with SkiaSharp (in a typeface that has the text's characters,
/// so "AI生成" draws) into a small RGBA patch and blended onto each output frame. The compositor reuses
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

    private readonly double _opacity;

    /// <param name="sizeDivisor">The text is the frame's short side divided by this (at least 12 px).</param>
    public WatermarkOverlay(string text, int frameWidth, int frameHeight, OverlayPlacement placement = OverlayPlacement.BottomRight, float sizeDivisor = 28f, double opacity = Opacity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        _frameWidth = frameWidth;
        _opacity = opacity;
        var size = Math.Max(12f, Math.Min(frameWidth, frameHeight) / sizeDivisor);
        using var typeface = TypefaceFor(text);
        using var font = new SKFont(typeface, size);
        using var fill = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var outline = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1f, size / 10f) };
        var textWidth = font.MeasureText(text);
        var pad = (int)Math.Ceiling(size / 4);
        _width = Math.Min(frameWidth, (int)Math.Ceiling(textWidth) + (2 * pad));
        _height = Math.Min(frameHeight, (int)Math.Ceiling(size * 1.3f) + (2 * pad));
        var margin = (int)Math.Round(Math.Min(frameWidth, frameHeight) * 0.02);
        (_x, _y) = placement switch
        {
            OverlayPlacement.TopLeft => (margin, margin),
            OverlayPlacement.Center => ((frameWidth - _width) / 2, (frameHeight - _height) / 2),
            _ => (Math.Max(0, frameWidth - _width - margin), Math.Max(0, frameHeight - _height - margin)),
        };
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

    /// <summary>
    /// A bold sans-serif face that has every character of <paramref name="text"/>: DejaVu Sans for Latin text, else
    /// the face fontconfig offers for the first character it lacks (WenQuanYi Micro Hei or Noto CJK for "AI生成").
    /// </summary>
    private static SKTypeface TypefaceFor(string text)
    {
        var bold = SKFontStyle.Bold;
        var latin = SKTypeface.FromFamilyName("DejaVu Sans", bold) ?? SKTypeface.Default;
        var missing = text.EnumerateRunes().FirstOrDefault(r => !System.Text.Rune.IsWhiteSpace(r) && latin.GetGlyph(r.Value) == 0);
        if (missing.Value == 0)
        {
            return latin;
        }

        var match = SKFontManager.Default.MatchCharacter("DejaVu Sans", bold, ["zh-CN", "ja-JP"], missing.Value)
            ?? SKTypeface.FromFamilyName("WenQuanYi Micro Hei", bold)
            ?? SKTypeface.FromFamilyName("Noto Sans CJK SC", bold);
        if (match is null || match.GetGlyph(missing.Value) == 0)
        {
            match?.Dispose();
            return latin;
        }

        latin.Dispose();
        return match;
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
                var alpha = (int)(_patch[p + 3] * _opacity);
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
