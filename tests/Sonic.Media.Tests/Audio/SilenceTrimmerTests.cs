using Sonic.Media.Audio;
using Sonic.Testing;

namespace Sonic.Media.Tests.Audio;

public sealed class SilenceTrimmerTests
{
    private static readonly PcmAudio Speech = Decode(SampleMedia.ChineseSpeechWav);

    [Fact]
    public void FindSpeech_SpeechPaddedWithSilence_FindsTheSameSpeechShiftedByThePadding()
    {
        var unpadded = SilenceTrimmer.FindSpeech(AudioResampler.ToMono16k(Speech), 16000)!.Value;

        var padded = SilenceTrimmer.FindSpeech(AudioResampler.ToMono16k(TestSignals.PadWithSilence(Speech, 1.5)), 16000);

        Assert.NotNull(padded);
        Assert.Equal(unpadded.StartSeconds + 1.5, padded.Value.StartSeconds, 0.021);
        Assert.Equal(unpadded.EndSeconds + 1.5, padded.Value.EndSeconds, 0.021);
    }

    [Fact]
    public void FindSpeech_SampleWithRoomTone_TrimsOnlyTheRoomToneAtTheEnds()
    {
        // This recording has 0.5 s of room noise (about -70 dBFS) before the first word and 0.5 s after the last.
        var range = SilenceTrimmer.FindSpeech(AudioResampler.ToMono16k(Speech), 16000)!.Value;

        Assert.InRange(range.StartSeconds, 0.4, 0.6);
        Assert.InRange(range.EndSeconds, 9.6, 9.9);
    }

    [Fact]
    public void FindSpeech_SoundFromStartToEndPaddedWithSilence_IsTrimmedBackToItsOwnLength()
    {
        // The singing sample is loud from its first to its last 20 ms frame, so trimming must give back its 10 s.
        var singing = Decode(SampleMedia.SingingWav);
        var padded = AudioResampler.ToMono16k(TestSignals.PadWithSilence(singing, 1.5));

        var range = SilenceTrimmer.FindSpeech(padded, 16000)!.Value;

        // Each end lands within 0.15 s of where the sound begins and ends: the 0.1 s padding, nothing more.
        Assert.InRange(range.StartSeconds, 1.5 - 0.15, 1.5);
        Assert.InRange(range.EndSeconds, 11.5, 11.5 + 0.15);
        Assert.Equal(10.0 + (2 * SilenceTrimmer.PaddingSeconds), range.DurationSeconds, 0.021);
    }

    [Fact]
    public void FindSpeech_NoiseUnderTheFloor_IsTrimmedLikeSilence()
    {
        var unpadded = SilenceTrimmer.FindSpeech(AudioResampler.ToMono16k(Speech), 16000)!.Value;
        var padded = AudioResampler.ToMono16k(TestSignals.PadWithSilence(Speech, 1.5));
        var random = new Random(7);
        var noise = Math.Pow(10, -62 / 20.0) * Math.Sqrt(3); // uniform noise with an RMS of -62 dBFS
        for (var i = 0; i < padded.Length; i++)
        {
            padded[i] += (float)(noise * ((2 * random.NextDouble()) - 1));
        }

        var range = SilenceTrimmer.FindSpeech(padded, 16000)!.Value;

        Assert.Equal(unpadded.StartSeconds + 1.5, range.StartSeconds, 0.041);
        Assert.Equal(unpadded.DurationSeconds, range.DurationSeconds, 0.081);
    }

    [Fact]
    public void FindSpeech_DigitalSilence_ReturnsNull()
        => Assert.Null(SilenceTrimmer.FindSpeech(new float[32000], 16000));

    [Fact]
    public void FindSpeech_ToneQuieterThanTheAbsoluteFloor_ReturnsNull()
        => Assert.Null(SilenceTrimmer.FindSpeech(TestSignals.Sine(440, 16000, 1.0, amplitude: 0.002), 16000)); // -57 dBFS

    [Fact]
    public void FindSpeech_ShortBurst_IsKeptWithPaddingOnBothSides()
    {
        var signal = new float[16000];
        TestSignals.Sine(440, 16000, 0.2).CopyTo(signal, 8000); // 0.5 s to 0.7 s

        var range = SilenceTrimmer.FindSpeech(signal, 16000)!.Value;

        Assert.Equal(0.4, range.StartSeconds, 3);
        Assert.Equal(0.8, range.EndSeconds, 3);
    }

    private static PcmAudio Decode(string path) => new AudioDecoder().Decode(path, CancellationToken.None);
}
