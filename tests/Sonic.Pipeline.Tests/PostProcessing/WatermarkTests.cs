using Sonic.Media.Errors;
using Sonic.Media.Video;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.PostProcessing;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.PostProcessing;

public sealed class WatermarkTests
{
    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("bell\u0007")]
    public void Validate_WatermarkWithControlCharacters_IsRejected(string text)
    {
        var error = Assert.Throws<SonicJobException>(() => new RenderParameters { WatermarkText = text }.Validate());
        Assert.Equal(ErrorCodes.InvalidParameter, error.Code);
        Assert.Contains("watermark_text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WatermarkTooLong_IsRejected()
    {
        var text = new string('x', RenderParameters.MaxWatermarkLength + 1);
        var error = Assert.Throws<SonicJobException>(() => new RenderParameters { WatermarkText = text }.Validate());
        Assert.Equal(ErrorCodes.InvalidParameter, error.Code);
    }

    [Fact]
    public void Apply_TextInTheCorner_IsVisibleSemiTransparentAndDoesNotAccumulate()
    {
        var frame = SyntheticFrames.Solid(640, 360, 40, 60, 80);
        var original = (byte[])frame.Pixels.Clone();
        var overlay = new WatermarkOverlay("AI-generated", frame.Width, frame.Height);
        var (x, y, w, h) = overlay.Bounds;

        overlay.Apply(frame);
        var first = (byte[])frame.Pixels.Clone();
        overlay.Restore(frame);
        Assert.Equal(original, frame.Pixels);
        overlay.Apply(frame);

        Assert.Equal(first, frame.Pixels);
        Assert.True(x > frame.Width / 2 && y > frame.Height / 2, "the mark sits in the bottom-right corner");
        var changed = 0;
        var brightest = 0;
        for (var row = y; row < y + h; row++)
        {
            for (var col = x; col < x + w; col++)
            {
                var o = ((row * frame.Width) + col) * 4;
                if (frame.Pixels[o] != original[o])
                {
                    changed++;
                }

                brightest = Math.Max(brightest, frame.Pixels[o]);
            }
        }

        Assert.True(changed > w * h / 20, $"only {changed} of {w * h} pixels show the text");
        Assert.InRange(brightest, 120, 230);
    }
}
