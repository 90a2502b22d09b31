using Sonic.Pipeline.Captions;

namespace Sonic.Pipeline.Tests.Captions;

/// <summary>The ASS script libass burns in: times, layout relative to the frame, and text that cannot become markup.</summary>
public sealed class CaptionFilesTests
{
    [Fact]
    public void Ass_TimesInCentiseconds_LinesJoinedByHardBreaks_AtTheFramesResolution()
    {
        var ass = CaptionFiles.Ass([new CaptionCue(1.234, 62.5, ["Welcome to", "our store."])], 640, 360);

        Assert.Contains("PlayResX: 640\nPlayResY: 360\n", ass, StringComparison.Ordinal);
        Assert.Contains("Dialogue: 0,0:00:01.23,0:01:02.50,Caption,,0,0,0,,Welcome to\\Nour store.\n", ass, StringComparison.Ordinal);
        // Bottom-centre (alignment 2) above a 6 % margin, so it stays inside the title-safe area.
        Assert.Matches(@"Style: Caption,DejaVu Sans,\d+,.*,2,32,32,22,1\n", ass);
    }

    [Theory]
    [InlineData(640, 360, 21)] // 6 % of the height: readable at 360p
    [InlineData(1920, 1080, 64)]
    [InlineData(360, 640, 13)] // portrait: the width limits the size so the 24-em line fits
    public void Ass_FontSize_FollowsTheFrame(int width, int height, int size)
    {
        var line = new string('x', 40); // 24 em
        var ass = CaptionFiles.Ass([new CaptionCue(0, 1, [line])], width, height);

        Assert.Contains($"Style: Caption,DejaVu Sans,{size},", ass, StringComparison.Ordinal);
    }

    [Fact]
    public void Ass_BracesAndBackslashes_InTheText_AreShownNotInterpreted()
    {
        var ass = CaptionFiles.Ass([new CaptionCue(0, 1, ["{\\b1}bold\\N"])], 640, 360);

        var text = ass.Split('\n').Single(l => l.StartsWith("Dialogue:", StringComparison.Ordinal)).Split(",,", 4)[^1];
        Assert.DoesNotContain("{\\b1}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\N", text, StringComparison.Ordinal);
        Assert.StartsWith("\\{", text, StringComparison.Ordinal);
    }
}
