using Sonic.Pipeline.Compositing;

namespace Sonic.Pipeline.Tests.Compositing;

public sealed class PasteBackLayoutTests
{
    [Theory]
    [InlineData(512, 512, 1080, 512, 512)]
    [InlineData(1284, 2283, 1080, 1080, 1920)]
    [InlineData(1001, 777, 1080, 1000, 776)]
    [InlineData(777, 1001, 360, 360, 464)]
    [InlineData(3000, 2000, 1080, 1620, 1080)]
    [InlineData(4000, 3000, 2160, 2880, 2160)]
    [InlineData(513, 513, 1080, 512, 512)]
    public void Compute_SourceAndResolution_GivesEvenOutputWhoseShortSideIsTheSmallerOfBoth(
        int sourceWidth, int sourceHeight, int resolution, int expectedWidth, int expectedHeight)
    {
        var layout = PasteBackLayout.Compute(sourceWidth, sourceHeight, 0, 0, Math.Min(sourceWidth, sourceHeight) / 2, resolution);

        Assert.Equal((expectedWidth, expectedHeight), (layout.OutputWidth, layout.OutputHeight));
    }

    [Fact]
    public void Compute_ManySizes_OutputIsEvenNeverAboveTheSourceAndWithinTwoPixelsOfTheScaledSize()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var (w, h, resolution) = (random.Next(16, 5000), random.Next(16, 5000), random.Next(360, 2161));

            var layout = PasteBackLayout.Compute(w, h, 0, 0, 8, resolution);

            Assert.True(layout.OutputWidth % 2 == 0 && layout.OutputHeight % 2 == 0, $"{w}x{h}@{resolution}");
            Assert.True(layout.OutputWidth <= w && layout.OutputHeight <= h, $"{w}x{h}@{resolution}");
            Assert.InRange(Math.Min(layout.OutputWidth, layout.OutputHeight), Math.Min(resolution, Math.Min(w, h)) - 2, Math.Min(resolution, Math.Min(w, h)));
            var scale = (double)Math.Min(resolution, Math.Min(w, h)) / Math.Min(w, h);
            Assert.InRange(layout.OutputWidth, (w * scale) - 2, (w * scale) + 0.5);
            Assert.InRange(layout.OutputHeight, (h * scale) - 2, (h * scale) + 0.5);
        }
    }

    [Fact]
    public void Compute_ScaledSource_MapsTheCropIntoOutputPixelsWithAFeatherOfAboutEightPercent()
    {
        var layout = PasteBackLayout.Compute(1284, 2283, 300, 600, 800, 1080);

        var scale = 1080.0 / 1284;
        Assert.InRange(layout.CropX, (300 * scale) - 1, (300 * scale) + 1);
        Assert.InRange(layout.CropY, (600 * scale) - 1, (600 * scale) + 1);
        Assert.InRange(layout.CropSide, (800 * scale) - 1, (800 * scale) + 1);
        Assert.InRange(layout.FeatherPixels, layout.CropSide * 0.06, layout.CropSide * 0.10);
    }
}
