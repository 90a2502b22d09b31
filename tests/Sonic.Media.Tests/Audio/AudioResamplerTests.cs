using Sonic.Media.Audio;

namespace Sonic.Media.Tests.Audio;

public sealed class AudioResamplerTests
{
    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(32000)]
    [InlineData(22050)]
    [InlineData(8000)]
    [InlineData(44056)]
    public void ToMono16k_OneKilohertzSine_KeepsFrequencyAmplitudeAndDuration(int sampleRate)
    {
        var sine = TestSignals.Sine(1000, sampleRate, seconds: 2.0, amplitude: 0.5);

        var output = AudioResampler.ToMono16k(new PcmAudio(sine, sampleRate, 1));

        Assert.Equal(32000, output.Length);
        var middle = output.AsSpan(1600, 28800); // away from the edges, where the kernel sees zeros
        Assert.InRange(TestSignals.ZeroCrossingFrequency(middle, 16000), 999.0, 1001.0);
        Assert.InRange(TestSignals.Rms(middle), 0.5 / Math.Sqrt(2) * 0.98, 0.5 / Math.Sqrt(2) * 1.02);
    }

    [Fact]
    public void ToMono16k_ToneAboveEightKilohertz_IsFilteredOutInsteadOfAliased()
    {
        // At 16 kHz a 10 kHz tone would fold back to 6 kHz at full strength if nothing filtered it.
        var tone = TestSignals.Sine(10_000, 44100, seconds: 1.0, amplitude: 0.5);

        var output = AudioResampler.ToMono16k(new PcmAudio(tone, 44100, 1));

        Assert.True(TestSignals.Rms(output.AsSpan(1600, 12800)) < 0.5 / Math.Sqrt(2) * 0.01);
    }

    [Fact]
    public void ToMono16k_Impulse_LandsAtTheSameTime()
    {
        var impulse = new float[44100];
        impulse[11025] = 1f; // 250 ms

        var output = AudioResampler.ToMono16k(new PcmAudio(impulse, 44100, 1));

        var peak = Array.IndexOf(output, output.Max());
        Assert.Equal(4000, peak);
    }

    [Fact]
    public void ToMono16k_Stereo_AveragesTheChannels()
    {
        var left = TestSignals.Sine(440, 44100, seconds: 1.0, amplitude: 0.6);
        var interleaved = new float[left.Length * 2];
        var opposite = new float[left.Length * 2];
        for (var i = 0; i < left.Length; i++)
        {
            interleaved[2 * i] = left[i];
            interleaved[(2 * i) + 1] = 0f;
            opposite[2 * i] = left[i];
            opposite[(2 * i) + 1] = -left[i];
        }

        var halfLoud = AudioResampler.ToMono16k(new PcmAudio(interleaved, 44100, 2));
        var cancelled = AudioResampler.ToMono16k(new PcmAudio(opposite, 44100, 2));

        Assert.InRange(TestSignals.Rms(halfLoud.AsSpan(1600, 12800)), 0.3 / Math.Sqrt(2) * 0.98, 0.3 / Math.Sqrt(2) * 1.02);
        Assert.True(TestSignals.Rms(cancelled) < 1e-6);
    }

    [Fact]
    public void ToMono16k_AlreadyMono16k_ReturnsTheSameArray()
    {
        var samples = TestSignals.Sine(300, 16000, seconds: 0.5);

        Assert.Same(samples, AudioResampler.ToMono16k(new PcmAudio(samples, 16000, 1)));
    }

    [Fact]
    public void ResampleToMono_SameRate_OnlyDownmixes()
    {
        float[] stereo = [0.2f, 0.4f, -1f, 1f, 0.5f, 0.5f];

        Assert.Equal([0.3f, 0f, 0.5f], AudioResampler.ResampleToMono(stereo, 2, 16000, 16000));
    }
}
