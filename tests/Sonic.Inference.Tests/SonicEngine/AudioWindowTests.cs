using Sonic.Inference.SonicEngine;

namespace Sonic.Inference.Tests.SonicEngine;

public sealed class AudioWindowTests
{
    [Theory]
    [InlineData(160_000, 250, 125, 500)] // 10 s
    [InlineData(16_639, 25, 12, 50)] // 1.04 s: integer division at both levels
    [InlineData(639, 0, 0, 0)]
    [InlineData(640 * 10_001, 10_000, 5_000, 20_000)] // capped
    public void Timeline_SampleCount_GivesUnitsFramesAndTokens(int samples, int units, int frames, int tokens)
    {
        var timeline = new SonicAudioTimeline(samples);

        Assert.Equal(units, timeline.Units);
        Assert.Equal(frames, timeline.FrameCount);
        Assert.Equal(tokens, timeline.TokenCount);
    }

    [Fact]
    public void Timeline_TokensBeyondOneChunk_NeedAnotherWhisperChunk()
    {
        Assert.Equal(1, new SonicAudioTimeline(480_000).WhisperChunkCount); // 1500 tokens
        Assert.Equal(2, new SonicAudioTimeline(480_640).WhisperChunkCount); // 1502 tokens
    }

    /// <summary>Token t holds [t + 1, −(t + 1)] so zeros (padding) are distinguishable from every real token.</summary>
    private static float[] States(int tokens)
    {
        var states = new float[tokens * 2];
        for (var t = 0; t < tokens; t++)
        {
            states[2 * t] = t + 1;
            states[(2 * t) + 1] = -(t + 1);
        }

        return states;
    }

    private static float[] Expected(int firstToken, int length, int tokens)
    {
        var expected = new float[length * 2];
        for (var j = 0; j < length; j++)
        {
            var t = firstToken + j;
            if (t >= 0 && t < tokens)
            {
                expected[2 * j] = t + 1;
                expected[(2 * j) + 1] = -(t + 1);
            }
        }

        return expected;
    }

    [Theory]
    [InlineData(0, -4)]
    [InlineData(1, 0)]
    [InlineData(3, 8)]
    [InlineData(4, 12)] // last frame of N = 5: tokens 12..19 then 2 zeros
    public void Gather_TokenWindow_TakesTenTokensFromFourIMinusFour(int frame, int firstToken)
    {
        const int tokens = 20; // L = 10, N = 5
        var window = new float[10 * 2];

        AudioTokenWindow.Token.Gather(States(tokens), tokens, 2, frame, window);

        Assert.Equal(Expected(firstToken, 10, tokens), window);
    }

    [Fact]
    public void Gather_FirstFrameTokenWindow_StartsWithFourZeroTokens()
    {
        var window = new float[10 * 2];

        AudioTokenWindow.Token.Gather(States(20), 20, 2, 0, window);

        Assert.All(window[..8], v => Assert.Equal(0f, v));
        Assert.Equal(1f, window[8]);
    }

    [Theory]
    [InlineData(0, -24)]
    [InlineData(6, 0)]
    [InlineData(20, 56)]
    public void Gather_BucketWindow_TakesFiftyTokensFromFourIMinusTwentyFour(int frame, int firstToken)
    {
        const int tokens = 100;
        var window = new float[50 * 2];

        AudioTokenWindow.Bucket.Gather(States(tokens), tokens, 2, frame, window);

        Assert.Equal(Expected(firstToken, 50, tokens), window);
    }

    [Fact]
    public void Paddings_MatchUpstream()
    {
        Assert.Equal((4, 6, 10), (AudioTokenWindow.Token.FrontPadding, AudioTokenWindow.Token.BackPadding, AudioTokenWindow.Token.Length));
        Assert.Equal((24, 26, 50), (AudioTokenWindow.Bucket.FrontPadding, AudioTokenWindow.Bucket.BackPadding, AudioTokenWindow.Bucket.Length));
    }
}
