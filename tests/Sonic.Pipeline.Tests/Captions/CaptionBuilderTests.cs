using Sonic.Media.Speech;
using Sonic.Pipeline.Captions;

namespace Sonic.Pipeline.Tests.Captions;

public sealed class CaptionBuilderTests
{
    [Fact]
    public void Build_BreaksAtSentences_AndKeepsEachCueToTwoLinesOfFortyTwo()
    {
        var words = Words("One two three. " + string.Join(' ', Enumerable.Range(1, 30).Select(i => "word" + i)) + ".");

        var cues = CaptionBuilder.Build(words);

        Assert.Equal(["One two three."], cues[0].Lines);
        Assert.All(cues, c => Assert.InRange(c.Lines.Count, 1, 2));
        Assert.All(cues.SelectMany(c => c.Lines), l => Assert.True(l.Length <= CaptionBuilder.MaxLineLength, l));
        Assert.All(cues, c => Assert.True(c.End - c.Start <= CaptionBuilder.MaxCueSeconds + 1e-9));
        Assert.Equal(words.Count, cues.Sum(c => string.Join(' ', c.Lines).Split(' ').Length));
        // Starts are word starts; the offset (trimmed silence) moves every time.
        Assert.Equal(words[3].Start - 0.2, CaptionBuilder.Build(words, offsetSeconds: -0.2)[1].Start, 3);
    }

    [Fact]
    public void Build_FullCaption_BreaksAfterItsLastClause_RatherThanStrandAWord()
    {
        var words = Words("Drop in one picture and one recording, and I will speak your words, with my lips in time.");

        var cues = CaptionBuilder.Build(words);

        Assert.Equal(["Drop in one picture and one recording,", "and I will speak your words,"], cues[0].Lines);
        Assert.Equal(["with my lips in time."], cues[1].Lines);
    }

    [Fact]
    public void Wrap_Cjk_ByCharacters_WithoutSpaces()
    {
        var text = string.Concat(Enumerable.Repeat("欢迎光临我们的商店", 4));

        var lines = CaptionBuilder.Wrap(text);

        Assert.Equal([21, 15], lines.Select(l => l.Length));
        Assert.DoesNotContain(' ', string.Concat(lines));
        Assert.True(CaptionBuilder.IsCjk("，"));
    }

    [Fact]
    public void Wrap_TwoLines_AreBalanced()
    {
        var lines = CaptionBuilder.Wrap("Today we look at three new lamps, each one made by hand.");

        Assert.Equal(2, lines.Count);
        Assert.InRange(Math.Abs(lines[0].Length - lines[1].Length), 0, 8);
    }

    [Fact]
    public void Files_WebVttEscapesMarkup_SrtUsesCommas()
    {
        var cues = new[] { new CaptionCue(1.5, 62.25, ["a <b> & c"]) };

        Assert.Equal("WEBVTT\n\n1\n00:00:01.500 --> 00:01:02.250\na &lt;b&gt; &amp; c\n\n", CaptionFiles.WebVtt(cues));
        Assert.Equal("1\n00:00:01,500 --> 00:01:02,250\na <b> & c\n\n", CaptionFiles.Srt(cues));
    }

    [Fact]
    public void Build_AWordLongerThanALine_IsSplitIntoPiecesThatFit_WithItsTimeSharedOut()
    {
        // espeak-ng's Japanese voice times whole spans: one "word" of two sentences, 60 characters.
        var sentence = string.Concat(Enumerable.Repeat("私たちの店へようこそ", 3)) + "。";
        var words = new List<WordTiming> { new(sentence + sentence, 1.0, 13.0) };

        var cues = CaptionBuilder.Build(words);

        Assert.True(cues.Count >= 2);
        Assert.All(cues.SelectMany(c => c.Lines), l => Assert.True(l.Length <= CaptionBuilder.MaxCjkLineLength, l));
        Assert.Equal(sentence + sentence, string.Concat(cues.SelectMany(c => c.Lines)));
        Assert.Equal(1.0, cues[0].Start, 3);
        Assert.Equal(13.0, cues[^1].End, 3);
        Assert.True(cues.Zip(cues.Skip(1)).All(p => p.First.End <= p.Second.Start + 1e-9));
    }

    private static List<WordTiming> Words(string text) =>
        text.Split(' ').Select((w, i) => new WordTiming(w, i * 0.3, (i * 0.3) + 0.3)).ToList();
}
