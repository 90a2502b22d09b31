using Sonic.Media.Audio;
using Sonic.Testing;

namespace Sonic.Media.Tests.Audio;

public sealed class AudioFeatureExtractorTests
{
    private static readonly float[] Speech16k = AudioResampler.ToMono16k(
        new AudioDecoder().Decode(SampleMedia.EnglishSpeechMp3, CancellationToken.None));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(100, 1)]
    [InlineData(959, 1)]
    [InlineData(960, 2)]
    [InlineData(160_000, 250)]
    [InlineData(160_321, 251)]
    public void Extract_FrameCount_IsTheVideoFrameCountAt25Fps(int samples, int frames)
    {
        var features = AudioFeatureExtractor.Extract(new float[samples]);

        Assert.Equal(frames, features.FrameCount);
        Assert.Equal(frames * AudioFeatures.Dimension, features.Values.Length);
        Assert.InRange(Math.Abs((frames / 25.0) - (samples / 16000.0)), 0, samples < 640 ? 0.04 : 0.0201);
    }

    [Fact]
    public void Extract_RealSpeech_AllValuesWithinZeroAndOne()
    {
        var features = AudioFeatureExtractor.Extract(Speech16k);

        Assert.All(features.Values, value => Assert.InRange(value, 0f, 1f));
        for (var column = 0; column < AudioFeatures.Dimension; column++)
        {
            var values = Enumerable.Range(0, features.FrameCount).Select(frame => features[frame, column]).ToArray();
            Assert.True(values.Max() - values.Min() > 0.3, $"Column {column} barely varies: {values.Min()}–{values.Max()}");
        }
    }

    [Fact]
    public void Extract_SpeechBetweenSilences_LoudnessIsHighInSpeechAndZeroInSilence()
    {
        var padded = new float[Speech16k.Length + 48000];
        Speech16k.CopyTo(padded, 24000); // 1.5 s of silence on both sides

        var features = AudioFeatureExtractor.Extract(padded);

        var silent = Enumerable.Range(0, 35).Concat(Enumerable.Range(features.FrameCount - 35, 35));
        var speaking = Enumerable.Range(40, features.FrameCount - 80);
        Assert.All(silent, frame => Assert.Equal(0f, features[frame, AudioFeatures.Loudness]));
        Assert.True(speaking.Average(frame => features[frame, AudioFeatures.Loudness]) > 0.5);
    }

    [Fact]
    public void Extract_QuieterRecording_GivesTheSameLoudness()
    {
        var quiet = Speech16k.Select(sample => sample * 0.1f).ToArray();

        var loud = AudioFeatureExtractor.Extract(Speech16k);
        var soft = AudioFeatureExtractor.Extract(quiet);

        for (var frame = 0; frame < loud.FrameCount; frame++)
        {
            Assert.Equal(loud[frame, AudioFeatures.Loudness], soft[frame, AudioFeatures.Loudness], 0.01f);
        }
    }

    [Theory]
    [InlineData(300.0, AudioFeatures.LowBand, AudioFeatures.HighBand)]
    [InlineData(6000.0, AudioFeatures.HighBand, AudioFeatures.LowBand)]
    public void Extract_Tone_PutsItsEnergyInTheRightBand(double frequency, int expectedBand, int otherBand)
    {
        var features = AudioFeatureExtractor.Extract(TestSignals.Sine(frequency, 16000, 1.0));

        for (var frame = 2; frame < features.FrameCount - 2; frame++)
        {
            Assert.True(features[frame, expectedBand] > 0.95f, $"frame {frame}: {features[frame, expectedBand]}");
            Assert.True(features[frame, otherBand] < 0.01f, $"frame {frame}: {features[frame, otherBand]}");
        }
    }

    [Fact]
    public void Extract_ToneBursts_OnsetPeaksWhereEachBurstStarts()
    {
        // Bursts of 400 ms starting at 0.5 s, 1.5 s and 2.5 s (frames 12.5, 37.5, 62.5).
        var signal = new float[16000 * 3];
        foreach (var start in new[] { 8000, 24000, 40000 })
        {
            TestSignals.Sine(500, 16000, 0.4).CopyTo(signal, start);
        }

        var features = AudioFeatureExtractor.Extract(signal);

        var onset = Enumerable.Range(0, features.FrameCount).Select(frame => features[frame, AudioFeatures.Onset]).ToArray();
        foreach (var burstFrame in new[] { 12, 37, 62 })
        {
            Assert.True(onset.Skip(burstFrame - 1).Take(3).Max() > 0.9f, $"No onset near frame {burstFrame}");
            Assert.True(onset[burstFrame + 5] < 0.05f, $"Steady tone at frame {burstFrame + 5} reads as onset {onset[burstFrame + 5]}");
        }
    }

    [Fact]
    public void Extract_Silence_IsAllZeros()
        => Assert.All(AudioFeatureExtractor.Extract(new float[16000]).Values, value => Assert.Equal(0f, value));
}
