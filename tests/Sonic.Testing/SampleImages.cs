using SkiaSharp;

namespace Sonic.Testing;

/// <summary>Makes the image test media with SkiaSharp: a real face from the repository's sample, and drawings.</summary>
internal static class SampleImages
{
    /// <summary>Grace Hopper's official portrait (samples/grace_hopper.jpg, public domain), head and shoulders: 420 px enlarged to 512.</summary>
    public static void WritePortrait(string path)
    {
        using var hopper = SKBitmap.Decode(TestPaths.OwnSample("grace_hopper.jpg"));
        using var surface = SKSurface.Create(new SKImageInfo(512, 512, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var image = SKImage.FromBitmap(hopper);
        surface.Canvas.DrawImage(image, SKRect.Create(55, 20, 420, 420), SKRect.Create(0, 0, 512, 512), new SKSamplingOptions(SKCubicResampler.CatmullRom));
        Save(surface, SKEncodedImageFormat.Jpeg, 92, path);
    }

    /// <summary>A cartoon girl in the anime manner: big eyes, bangs, a small closed smile.</summary>
    public static void WriteCartoon(string path)
    {
        using var surface = SKSurface.Create(new SKImageInfo(512, 512, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        using var paint = new SKPaint { IsAntialias = true };
        using var background = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, 512), [new SKColor(200, 226, 246), new SKColor(235, 244, 252)], SKShaderTileMode.Clamp);
        paint.Shader = background;
        canvas.DrawRect(0, 0, 512, 512, paint);
        paint.Shader = null;

        var hair = new SKColor(96, 58, 44);
        var skin = new SKColor(252, 226, 206);
        var line = new SKColor(70, 40, 35);

        // Hair behind the head, falling to the shoulders.
        Fill(canvas, paint, hair, Path(p =>
        {
            p.MoveTo(120, 470);
            p.CubicTo(70, 300, 90, 90, 256, 80);
            p.CubicTo(422, 90, 442, 300, 392, 470);
            p.Close();
        }));

        // Shoulders in a sailor-collar top, and the neck.
        Fill(canvas, paint, new SKColor(250, 250, 252), Path(p =>
        {
            p.MoveTo(60, 512);
            p.CubicTo(80, 430, 170, 405, 256, 405);
            p.CubicTo(342, 405, 432, 430, 452, 512);
            p.Close();
        }));
        Fill(canvas, paint, new SKColor(60, 80, 150), Path(p =>
        {
            p.MoveTo(150, 425);
            p.LineTo(256, 500);
            p.LineTo(362, 425);
            p.LineTo(330, 412);
            p.LineTo(256, 465);
            p.LineTo(182, 412);
            p.Close();
        }));
        Fill(canvas, paint, new SKColor(238, 208, 188), SKRect.Create(228, 340, 56, 90));

        Fill(canvas, paint, skin, FaceOutline());
        Fill(canvas, paint, skin, SKRect.Create(134, 255, 22, 40), oval: true);
        Fill(canvas, paint, skin, SKRect.Create(356, 255, 22, 40), oval: true);

        // Soft shading, as a cel-shaded drawing has it: under the bangs, along the jaw, beside the nose.
        using (var shade = SKShader.CreateRadialGradient(new SKPoint(256, 250), 150, [new SKColor(0, 0, 0, 0), new SKColor(150, 80, 60, 90)], SKShaderTileMode.Clamp))
        using (var face = FaceOutline())
        {
            paint.Shader = shade;
            paint.Style = SKPaintStyle.Fill;
            canvas.DrawPath(face, paint);
            paint.Shader = null;
        }

        Fill(canvas, paint, new SKColor(200, 140, 120, 120), SKRect.Create(240, 270, 14, 46), oval: true);

        // Bangs over the forehead.
        Fill(canvas, paint, hair, Path(p =>
        {
            p.MoveTo(140, 240);
            p.CubicTo(130, 140, 200, 100, 256, 100);
            p.CubicTo(312, 100, 382, 140, 372, 240);
            p.LineTo(350, 190);
            p.LineTo(330, 222);
            p.LineTo(300, 180);
            p.LineTo(270, 215);
            p.LineTo(240, 178);
            p.LineTo(212, 218);
            p.LineTo(185, 185);
            p.LineTo(160, 230);
            p.Close();
        }));

        // Blush, brows, eyes, nose and mouth.
        Fill(canvas, paint, new SKColor(250, 170, 170, 110), SKRect.Create(170, 305, 50, 24), oval: true);
        Fill(canvas, paint, new SKColor(250, 170, 170, 110), SKRect.Create(292, 305, 50, 24), oval: true);
        foreach (var side in new[] { -1, 1 })
        {
            var cx = 256 + (side * 52);
            Stroke(canvas, paint, hair, 5, Path(p =>
            {
                p.MoveTo(cx - 26, 222 + (side == -1 ? 2 : 0));
                p.QuadTo(cx, 210, cx + 26, 222 + (side == 1 ? 2 : 0));
            }));
            Fill(canvas, paint, SKColors.White, SKRect.Create(cx - 28, 238, 56, 46), oval: true);
            Fill(canvas, paint, new SKColor(92, 58, 40), SKRect.Create(cx - 18, 236, 36, 46), oval: true);
            Fill(canvas, paint, new SKColor(28, 16, 12), SKRect.Create(cx - 10, 246, 20, 26), oval: true);
            Fill(canvas, paint, SKColors.White, SKRect.Create(cx - 12 + (side * 3), 245, 9, 9), oval: true);
            Stroke(canvas, paint, new SKColor(35, 25, 25), 6, Path(p =>
            {
                p.MoveTo(cx - 31, 252);
                p.QuadTo(cx, 226, cx + 31, 252);
            }));
        }

        Stroke(canvas, paint, new SKColor(215, 160, 140), 3, Path(p =>
        {
            p.MoveTo(258, 296);
            p.LineTo(252, 312);
            p.LineTo(260, 314);
        }));
        Fill(canvas, paint, new SKColor(200, 90, 100), Path(p =>
        {
            p.MoveTo(226, 340);
            p.QuadTo(256, 330, 286, 340);
            p.QuadTo(256, 362, 226, 340);
            p.Close();
        }));
        Stroke(canvas, paint, line, 3, Path(p =>
        {
            p.MoveTo(224, 340);
            p.QuadTo(256, 350, 288, 340);
        }));

        Save(surface, SKEncodedImageFormat.Png, 100, path);
    }

    /// <summary>A phone screenshot of a chat app showing a QR code: no face anywhere; saved as JPEG data.</summary>
    public static void WriteQrScreenshot(string path)
    {
        const int width = 1284, height = 2283;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        using var paint = new SKPaint { IsAntialias = true };
        canvas.Clear(new SKColor(237, 237, 237));
        Fill(canvas, paint, new SKColor(40, 40, 40), SKRect.Create(0, 0, width, 140));
        Fill(canvas, paint, new SKColor(247, 247, 247), SKRect.Create(0, 140, width, 160));

        // The card, a row of title bars (text stand-ins) and the code itself.
        Fill(canvas, paint, SKColors.White, new SKRoundRect(SKRect.Create(110, 420, 1064, 1440), 28));
        Fill(canvas, paint, new SKColor(90, 130, 200), new SKRoundRect(SKRect.Create(170, 480, 140, 140), 16));
        Fill(canvas, paint, new SKColor(60, 60, 60), new SKRoundRect(SKRect.Create(340, 500, 420, 44), 10));
        Fill(canvas, paint, new SKColor(160, 160, 160), new SKRoundRect(SKRect.Create(340, 566, 300, 34), 10));

        const int modules = 37, module = 22;
        var origin = new SKPoint((width - (modules * module)) / 2f, 700);
        var random = new Random(2024);
        paint.IsAntialias = false;
        for (var y = 0; y < modules; y++)
        {
            for (var x = 0; x < modules; x++)
            {
                var dark = Finder(x, y) ?? (random.Next(2) == 0);
                if (dark)
                {
                    Fill(canvas, paint, SKColors.Black, SKRect.Create(origin.X + (x * module), origin.Y + (y * module), module, module));
                }
            }
        }

        paint.IsAntialias = true;
        Fill(canvas, paint, new SKColor(160, 160, 160), new SKRoundRect(SKRect.Create(300, 1580, 684, 40), 10));
        for (var row = 0; row < 4; row++)
        {
            Fill(canvas, paint, new SKColor(200, 200, 200), new SKRoundRect(SKRect.Create(110, 1960 + (row * 70), row % 2 == 0 ? 1064 : 700, 36), 10));
        }

        Save(surface, SKEncodedImageFormat.Jpeg, 90, path);

        // The three position squares of a QR code (7×7 rings with a 3×3 centre); null elsewhere.
        static bool? Finder(int x, int y)
        {
            foreach (var (fx, fy) in new[] { (0, 0), (modules - 7, 0), (0, modules - 7) })
            {
                int dx = x - fx, dy = y - fy;
                if (dx is >= -1 and <= 7 && dy is >= -1 and <= 7)
                {
                    var ring = Math.Max(Math.Abs(dx - 3), Math.Abs(dy - 3));
                    return ring is 0 or 1 or 3;
                }
            }

            return null;
        }
    }

    /// <summary>The cartoon's face: a rounded oval narrowing to a soft chin.</summary>
    private static SKPath FaceOutline() => Path(p =>
    {
        p.MoveTo(256, 135);
        p.CubicTo(340, 135, 372, 200, 368, 270);
        p.CubicTo(362, 330, 310, 385, 256, 392);
        p.CubicTo(202, 385, 150, 330, 144, 270);
        p.CubicTo(140, 200, 172, 135, 256, 135);
        p.Close();
    });

    private static SKPath Path(Action<SKPath> draw)
    {
        var path = new SKPath();
        draw(path);
        return path;
    }

    private static void Fill(SKCanvas canvas, SKPaint paint, SKColor color, SKPath path)
    {
        using (path)
        {
            paint.Style = SKPaintStyle.Fill;
            paint.Color = color;
            canvas.DrawPath(path, paint);
        }
    }

    private static void Fill(SKCanvas canvas, SKPaint paint, SKColor color, SKRect rect, bool oval = false)
    {
        paint.Style = SKPaintStyle.Fill;
        paint.Color = color;
        if (oval)
        {
            canvas.DrawOval(rect, paint);
        }
        else
        {
            canvas.DrawRect(rect, paint);
        }
    }

    private static void Fill(SKCanvas canvas, SKPaint paint, SKColor color, SKRoundRect rect)
    {
        paint.Style = SKPaintStyle.Fill;
        paint.Color = color;
        canvas.DrawRoundRect(rect, paint);
    }

    private static void Stroke(SKCanvas canvas, SKPaint paint, SKColor color, float width, SKPath path)
    {
        using (path)
        {
            paint.Style = SKPaintStyle.Stroke;
            paint.StrokeWidth = width;
            paint.StrokeCap = SKStrokeCap.Round;
            paint.Color = color;
            canvas.DrawPath(path, paint);
        }
    }

    private static void Save(SKSurface surface, SKEncodedImageFormat format, int quality, string path)
    {
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(format, quality);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
