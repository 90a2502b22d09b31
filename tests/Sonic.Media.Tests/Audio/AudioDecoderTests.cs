using Sonic.Media.Audio;
using Sonic.Media.Errors;
using Sonic.Testing;

namespace Sonic.Media.Tests.Audio;

public sealed class AudioDecoderTests(EncodedSamplesFixture encoded) : IClassFixture<EncodedSamplesFixture>
{
    private readonly AudioDecoder _decoder = new();

    [Theory]
    [InlineData(nameof(SampleMedia.EnglishSpeechMp3), AudioContainer.Mpeg, 44100, 2, 10.031)]
    [InlineData(nameof(SampleMedia.ChineseSpeechWav), AudioContainer.Wave, 44100, 2, 10.0)]
    [InlineData(nameof(SampleMedia.SingingWav), AudioContainer.Wave, 32000, 1, 10.0)]
    public void Decode_SharedSample_KeepsRateChannelsAndMeasuresDuration(
        string name, AudioContainer container, int sampleRate, int channels, double seconds)
    {
        var path = SampleMedia.Named(name);

        var audio = _decoder.Decode(path, CancellationToken.None);

        Assert.Equal(container, AudioFormatSniffer.Detect(path));
        Assert.Equal(sampleRate, audio.SampleRate);
        Assert.Equal(channels, audio.Channels);
        Assert.InRange(audio.DurationSeconds, seconds - 0.03, seconds + 0.03);
        Assert.InRange(TestSignals.Rms(audio.Samples), 0.01, 0.7);
    }

    [Fact]
    public void Decode_Mp3_MatchesFfmpegsDecodeUpToTheEncoderDelay()
    {
        var path = SampleMedia.EnglishSpeechMp3;
        var reference = Path.Combine(encoded.Folder, "mp3-by-ffmpeg.wav");
        MediaTools.Ffmpeg("-i", path, "-c:a", "pcm_f32le", reference);

        var ours = AudioResampler.ToMono16k(_decoder.Decode(path, CancellationToken.None));
        var theirs = AudioResampler.ToMono16k(_decoder.Decode(reference, CancellationToken.None));

        // NLayer keeps the encoder delay and padding that ffmpeg cuts using the LAME tag (gapless playback):
        // the same waveform, shifted by a few tens of milliseconds and a little longer.
        var (lag, correlation) = TestSignals.BestLag(theirs, ours, maxLag: 1600, length: 3 * 16000);
        Assert.True(correlation > 0.99, $"Best correlation {correlation:0.0000} at lag {lag}");
        Assert.InRange(lag, 0, 60 * 16);
        Assert.InRange(ours.Length - theirs.Length, lag, lag + (60 * 16));
    }

    [Theory]
    [InlineData("speech.m4a", "aac", "-c:a", "aac", "-b:a", "128k")]
    [InlineData("speech.ogg", "vorbis", "-c:a", "libvorbis", "-q:a", "5")]
    [InlineData("speech.flac", "flac", "-c:a", "flac")]
    public void Decode_ContainerMadeByFfmpeg_DecodesThroughFfmpegWithTheSourceDuration(string fileName, string codec, params string[] options)
    {
        var path = encoded.Encode(fileName, options);
        var source = _decoder.Decode(EncodedSamplesFixture.Source, CancellationToken.None);

        var audio = _decoder.Decode(path, CancellationToken.None);

        Assert.Equal(codec, MediaTools.ProbeAudio(path).Codec);
        Assert.Equal(AudioContainer.Other, AudioFormatSniffer.Detect(path));
        Assert.Equal(source.SampleRate, audio.SampleRate);
        Assert.Equal(source.Channels, audio.Channels);
        Assert.InRange(audio.DurationSeconds, source.DurationSeconds - 0.03, source.DurationSeconds + 0.03);
        var correlation = TestSignals.Correlation(
            TestSignals.Envelope(AudioResampler.ToMono16k(source)), TestSignals.Envelope(AudioResampler.ToMono16k(audio)));
        Assert.True(correlation > 0.98, $"Envelope correlation with the source: {correlation:0.000}");
    }

    [Fact]
    public void Decode_Flac_IsLosslessAgainstTheWavSource()
    {
        var source = _decoder.Decode(EncodedSamplesFixture.Source, CancellationToken.None);

        var audio = _decoder.Decode(encoded.Encode("speech.flac", "-c:a", "flac"), CancellationToken.None);

        Assert.Equal(source.Samples.Length, audio.Samples.Length);
        var largestError = source.Samples.Zip(audio.Samples, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largestError < 1e-6, $"Largest difference {largestError}");
    }

    [Theory]
    [InlineData("u8.wav", "pcm_u8", 1.0 / 128)]
    [InlineData("s24.wav", "pcm_s24le", 1e-6)]
    [InlineData("s32.wav", "pcm_s32le", 1e-6)]
    [InlineData("f32.wav", "pcm_f32le", 1e-6)]
    [InlineData("f64.wav", "pcm_f64le", 1e-6)]
    [InlineData("mulaw.wav", "pcm_mulaw", 0.02)]
    [InlineData("adpcm.wav", "adpcm_ima_wav", 0.2)]
    public void Decode_WavEncodings_MatchThe16BitSource(string fileName, string codec, double tolerance)
    {
        var source = _decoder.Decode(EncodedSamplesFixture.Source, CancellationToken.None);

        var audio = _decoder.Decode(encoded.Encode(fileName, "-c:a", codec), CancellationToken.None);

        Assert.Equal(AudioContainer.Wave, AudioFormatSniffer.Detect(encoded.Encode(fileName, "-c:a", codec)));
        Assert.Equal(source.SampleRate, audio.SampleRate);
        Assert.Equal(source.Channels, audio.Channels);
        // Block codecs (ADPCM) pad the last block.
        Assert.InRange(audio.FrameCount, source.FrameCount, source.FrameCount + 2048);
        var compared = Math.Min(source.Samples.Length, audio.Samples.Length) - 4096;
        var meanError = Enumerable.Range(0, compared).Average(i => Math.Abs(source.Samples[i] - audio.Samples[i]));
        Assert.True(meanError < tolerance, $"Mean difference {meanError}");
    }

    [Fact]
    public void Decode_SixChannelWav_KeepsAllChannels()
    {
        // More than two channels makes ffmpeg write WAVE_FORMAT_EXTENSIBLE.
        var path = encoded.Encode("six.wav", "-ac", "6", "-c:a", "pcm_s16le");

        var audio = _decoder.Decode(path, CancellationToken.None);

        Assert.Equal(6, audio.Channels);
        Assert.InRange(audio.DurationSeconds, 9.99, 10.01);
    }

    [Fact]
    public void Decode_Mp3BytesBehindAWavName_IsRecognisedByContent()
    {
        var path = Path.Combine(encoded.Folder, "actually-mp3.wav");
        File.Copy(SampleMedia.EnglishSpeechMp3, path, overwrite: true);

        var audio = _decoder.Decode(path, CancellationToken.None);

        Assert.Equal(AudioContainer.Mpeg, AudioFormatSniffer.Detect(path));
        Assert.Equal(44100, audio.SampleRate);
        Assert.InRange(audio.DurationSeconds, 10.0, 10.06);
    }

    [Fact]
    public void Decode_Mp3WithoutId3Tag_IsRecognisedByFrameSync()
    {
        var path = Path.Combine(encoded.Folder, "bare.mp3");
        MediaTools.Ffmpeg("-i", EncodedSamplesFixture.Source, "-c:a", "libmp3lame", "-b:a", "96k", "-id3v2_version", "0", "-write_xing", "0", path);

        var audio = _decoder.Decode(path, CancellationToken.None);

        Assert.NotEqual((byte)'I', File.ReadAllBytes(path)[0]);
        Assert.Equal(AudioContainer.Mpeg, AudioFormatSniffer.Detect(path));
        Assert.Equal(2, audio.Channels);
        Assert.InRange(audio.DurationSeconds, 9.98, 10.1);
    }

    [Fact]
    public void Decode_GarbageBytes_ThrowsAudioUnreadableWithFfmpegsWordsInside()
    {
        var path = Path.Combine(encoded.Folder, "garbage.mp3");
        var bytes = new byte[48 * 1024];
        new Random(20250101).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<SonicJobException>(() => _decoder.Decode(path, CancellationToken.None));

        Assert.Equal(ErrorCodes.AudioUnreadable, error.Code);
        Assert.DoesNotContain("ffmpeg", error.Message, StringComparison.OrdinalIgnoreCase);
        var evidence = Assert.IsType<AudioDecodeException>(error.InnerException);
        Assert.False(string.IsNullOrWhiteSpace(evidence.ToolOutput));
        Assert.NotEqual(0, evidence.ExitCode);
    }

    [Fact]
    public void Decode_TextFileRenamedToWav_ThrowsAudioUnreadable()
    {
        var path = Path.Combine(encoded.Folder, "notes.wav");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("This is not audio at all. ", 200)));

        var error = Assert.Throws<SonicJobException>(() => _decoder.Decode(path, CancellationToken.None));

        Assert.Equal(ErrorCodes.AudioUnreadable, error.Code);
    }

    [Fact]
    public void Decode_ZeroByteFile_ThrowsAudioEmpty()
    {
        var path = Path.Combine(encoded.Folder, "zero.wav");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<SonicJobException>(() => _decoder.Decode(path, CancellationToken.None));

        Assert.Equal(ErrorCodes.AudioEmpty, error.Code);
    }

    [Fact]
    public void Decode_WavWithNoSamples_ReturnsZeroFrames()
    {
        var path = Path.Combine(encoded.Folder, "header-only.wav");
        FloatWavWriter.Write(path, [], 22050, 2);

        var audio = _decoder.Decode(path, CancellationToken.None);

        Assert.Equal(0, audio.FrameCount);
        Assert.Equal(22050, audio.SampleRate);
    }

    [Fact]
    public void Decode_MissingFile_ThrowsInputNotFound()
    {
        var error = Assert.Throws<SonicJobException>(
            () => _decoder.Decode(Path.Combine(encoded.Folder, "nope.wav"), CancellationToken.None));

        Assert.Equal(ErrorCodes.InputNotFound, error.Code);
    }

    [Theory]
    [InlineData(nameof(SampleMedia.ChineseSpeechWav))]
    [InlineData(nameof(SampleMedia.EnglishSpeechMp3))]
    [InlineData("speech.flac")]
    public void Decode_LongerThanTheLimit_ThrowsAudioTooLong(string name)
    {
        var path = name == "speech.flac" ? encoded.Encode(name, "-c:a", "flac") : SampleMedia.Named(name);

        var error = Assert.Throws<SonicJobException>(() => _decoder.Decode(path, TimeSpan.FromSeconds(4), CancellationToken.None));

        Assert.Equal(ErrorCodes.AudioTooLong, error.Code);
        Assert.Contains("4 seconds", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(SampleMedia.ChineseSpeechWav))]
    [InlineData(nameof(SampleMedia.EnglishSpeechMp3))]
    [InlineData("speech.flac")]
    public void Decode_WithinTheLimit_DecodesEverything(string name)
    {
        var path = name == "speech.flac" ? encoded.Encode(name, "-c:a", "flac") : SampleMedia.Named(name);

        var audio = _decoder.Decode(path, TimeSpan.FromSeconds(10.1), CancellationToken.None);

        Assert.InRange(audio.DurationSeconds, 9.99, 10.04);
    }

    [Fact]
    public void Decode_CancelledBeforehand_ThrowsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => _decoder.Decode(encoded.Encode("speech.flac", "-c:a", "flac"), cancelled.Token));
    }
}
