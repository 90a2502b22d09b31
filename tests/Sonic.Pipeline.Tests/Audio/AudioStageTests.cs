using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sonic.Media.Audio;
using Sonic.Media.Errors;
using Sonic.Pipeline.Audio;
using Sonic.Pipeline.Jobs;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Audio;

public sealed class AudioStageTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempFolder("sonic-audio-stage");

    private string WorkFolder => Path.Combine(_folder, "work");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Prepare_Mp3Sample_WritesTrimmedAudioWavAtTheOriginalRateWithMatchingFeatures()
    {
        var prepared = Stage().Prepare(SampleMedia.EnglishSpeechMp3, new RenderParameters(), WorkFolder, CancellationToken.None);

        Assert.Equal(Path.Combine(WorkFolder, "audio.wav"), prepared.WavPath);
        Assert.Equal((44100, 2), (prepared.SampleRate, prepared.Channels));
        Assert.Equal(10.031, prepared.SourceDurationSeconds, 0.01);

        // The sample starts with 0.77 s of room noise (-70 dBFS); 0.1 s of it stays as padding. Its speech lasts
        // 8.6 s (measured 8.68 s with the padding at both ends).
        Assert.InRange(prepared.TrimStartSeconds, 0.55, 0.75);
        Assert.Equal(prepared.TrimEndSeconds - prepared.TrimStartSeconds, prepared.DurationSeconds, 1e-9);
        Assert.InRange(prepared.DurationSeconds, 8.5, 8.9);

        var wav = Probe(prepared.WavPath);
        Assert.Equal(("pcm_f32le", 44100, 2), (wav.Codec, wav.SampleRate, wav.Channels));
        Assert.Equal(prepared.DurationSeconds, wav.DurationSeconds, 0.001);

        var mono = Probe(prepared.Mono16kWavPath);
        Assert.Equal((16000, 1), (mono.SampleRate, mono.Channels));
        Assert.Equal(prepared.DurationSeconds, mono.DurationSeconds, 0.001);
        Assert.Equal(prepared.Mono16k.Length, (int)Math.Round(mono.DurationSeconds * 16000));

        // One feature row per 25 fps video frame: the video lasts as long as the audio within half a frame.
        Assert.Equal(prepared.VideoFrameCount, prepared.Features.FrameCount);
        Assert.InRange(Math.Abs((prepared.Features.FrameCount / 25.0) - prepared.DurationSeconds), 0, 0.0201);
    }

    [Fact]
    public void Prepare_TrimmedAudio_IsTheSourceSliceSampleForSample()
    {
        var source = new AudioDecoder().Decode(SampleMedia.ChineseSpeechWav, CancellationToken.None);

        var prepared = Stage().Prepare(SampleMedia.ChineseSpeechWav, new RenderParameters(), WorkFolder, CancellationToken.None);

        var written = new AudioDecoder().Decode(prepared.WavPath, CancellationToken.None);
        var startFrame = (int)Math.Round(prepared.TrimStartSeconds * 44100);
        Assert.Equal(source.Frames(startFrame, startFrame + written.FrameCount).ToArray(), written.Samples);
    }

    [Fact]
    public void Prepare_SpeechPaddedWithSilence_TrimsThePaddingAndKeepsItWhenAskedTo()
    {
        var speech = new AudioDecoder().Decode(SampleMedia.ChineseSpeechWav, CancellationToken.None);
        var unpadded = Stage().Prepare(SampleMedia.ChineseSpeechWav, new RenderParameters(), WorkFolder, CancellationToken.None);
        var paddedPath = WritePadded(speech, 1.5);

        var trimmed = Stage().Prepare(paddedPath, new RenderParameters(), Path.Combine(_folder, "trimmed"), CancellationToken.None);
        var kept = Stage().Prepare(paddedPath, new RenderParameters { TrimSilence = false }, Path.Combine(_folder, "kept"), CancellationToken.None);

        Assert.Equal(13.0, trimmed.SourceDurationSeconds, 1e-9);
        Assert.Equal(unpadded.DurationSeconds, trimmed.DurationSeconds, 0.15);
        Assert.Equal(unpadded.TrimStartSeconds + 1.5, trimmed.TrimStartSeconds, 0.021);
        Assert.Equal(trimmed.DurationSeconds, Probe(trimmed.WavPath).DurationSeconds, 0.001);

        Assert.Equal(13.0, kept.DurationSeconds, 1e-9);
        Assert.Equal((0.0, 13.0), (kept.TrimStartSeconds, kept.TrimEndSeconds));
        Assert.Equal(13.0, Probe(kept.WavPath).DurationSeconds, 0.001);
        Assert.Equal(325, kept.Features.FrameCount);
        Assert.True(
            Enumerable.Range(0, 35).Max(frame => kept.Features[frame, AudioFeatures.Loudness]) == 0f,
            "The 1.5 s of leading silence must read as silence.");
    }

    [Fact]
    public void Prepare_WithoutTrimming_KeepsEveryOriginalSample()
    {
        // 441 001 frames do not map to a whole number of 16 kHz samples; the written audio must still be complete.
        var tone = new float[441_001];
        for (var i = 0; i < tone.Length; i++)
        {
            tone[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / 44100);
        }

        var path = Path.Combine(_folder, "tone.wav");
        FloatWavWriter.Write(path, tone, 44100, 1);

        var prepared = Stage().Prepare(path, new RenderParameters { TrimSilence = false }, WorkFolder, CancellationToken.None);

        Assert.Equal(tone, new AudioDecoder().Decode(prepared.WavPath, CancellationToken.None).Samples);
        Assert.Equal(441_001 / 44100.0, prepared.DurationSeconds, 1e-12);
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(10.09)]
    [InlineData(9.91)]
    public void Prepare_DurationWithinATenthOfASecond_IsAccepted(double duration)
    {
        var prepared = Stage().Prepare(SampleMedia.ChineseSpeechWav, new RenderParameters { Duration = duration }, WorkFolder, CancellationToken.None);

        Assert.Equal(10.0, prepared.SourceDurationSeconds, 1e-9);
    }

    [Theory]
    [InlineData(10.12)]
    [InlineData(9.88)]
    [InlineData(30.0)]
    public void Prepare_DurationOffByMoreThanATenth_ThrowsDurationMismatch(double duration)
    {
        var error = Assert.Throws<SonicJobException>(() => Stage().Prepare(
            SampleMedia.ChineseSpeechWav, new RenderParameters { Duration = duration }, WorkFolder, CancellationToken.None));

        Assert.Equal(ErrorCodes.DurationMismatch, error.Code);
        Assert.Contains("10.00 seconds", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(WorkFolder), "Nothing is written for rejected input.");
    }

    [Fact]
    public void Prepare_DurationIsComparedBeforeTrimming()
    {
        // 13 s with padding, about 10 s after trimming: the user states the length of the file they sent.
        var paddedPath = WritePadded(new AudioDecoder().Decode(SampleMedia.SingingWav, CancellationToken.None), 1.5);

        var prepared = Stage().Prepare(paddedPath, new RenderParameters { Duration = 13.0 }, WorkFolder, CancellationToken.None);

        Assert.InRange(prepared.DurationSeconds, 10.0, 10.3);
    }

    [Theory]
    [InlineData(nameof(SampleMedia.ChineseSpeechWav))]
    [InlineData(nameof(SampleMedia.EnglishSpeechMp3))]
    public void Prepare_LongerThanTheConfiguredLimit_ThrowsAudioTooLong(string name)
    {
        var error = Assert.Throws<SonicJobException>(() => Stage(maxDurationSeconds: 8).Prepare(
            SampleMedia.Named(name), new RenderParameters(), WorkFolder, CancellationToken.None));

        Assert.Equal(ErrorCodes.AudioTooLong, error.Code);
    }

    [Fact]
    public void Prepare_MissingFile_ThrowsInputNotFound()
    {
        var error = Assert.Throws<SonicJobException>(() => Stage().Prepare(
            Path.Combine(_folder, "missing.wav"), new RenderParameters(), WorkFolder, CancellationToken.None));

        Assert.Equal(ErrorCodes.InputNotFound, error.Code);
    }

    [Fact]
    public void Prepare_WavWithoutSamples_ThrowsAudioEmpty()
    {
        var path = Path.Combine(_folder, "empty.wav");
        FloatWavWriter.Write(path, [], 44100, 2);

        var error = Assert.Throws<SonicJobException>(() => Stage().Prepare(path, new RenderParameters(), WorkFolder, CancellationToken.None));

        Assert.Equal(ErrorCodes.AudioEmpty, error.Code);
    }

    [Fact]
    public void Prepare_TwoSecondsOfZeros_ThrowsAudioSilent()
    {
        var path = Path.Combine(_folder, "zeros.wav");
        FloatWavWriter.Write(path, new float[2 * 44100], 44100, 1);

        var error = Assert.Throws<SonicJobException>(() => Stage().Prepare(path, new RenderParameters(), WorkFolder, CancellationToken.None));

        Assert.Equal(ErrorCodes.AudioSilent, error.Code);
    }

    [Fact]
    public void Prepare_GarbageBytes_ThrowsAudioUnreadable()
    {
        var path = Path.Combine(_folder, "garbage.m4a");
        var bytes = new byte[20_000];
        new Random(99).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<SonicJobException>(() => Stage().Prepare(path, new RenderParameters(), WorkFolder, CancellationToken.None));

        Assert.Equal(ErrorCodes.AudioUnreadable, error.Code);
    }

    [Fact]
    public void PreparedAudio_JsonRoundTrip_KeepsEverythingButTheInMemorySamples()
    {
        var prepared = Stage().Prepare(SampleMedia.SingingWav, new RenderParameters(), WorkFolder, CancellationToken.None);

        var json = JsonSerializer.Serialize(prepared);
        var copy = JsonSerializer.Deserialize<PreparedAudio>(json)!;

        Assert.DoesNotContain("Mono16k\"", json, StringComparison.Ordinal);
        Assert.Equal(prepared.WavPath, copy.WavPath);
        Assert.Equal(prepared.DurationSeconds, copy.DurationSeconds);
        Assert.Equal(prepared.Features.Values, copy.Features.Values);
        Assert.True(copy.Mono16k.IsEmpty);
        Assert.Equal(160_000, prepared.Mono16k.Length);
    }

    [Fact]
    public void AddSonicAudio_BindsTheLimitFromConfiguration()
    {
        using var provider = Services(new Dictionary<string, string?> { ["Sonic:Audio:MaxDurationSeconds"] = "8" });

        var stage = provider.GetRequiredService<AudioStage>();

        Assert.Equal(8, provider.GetRequiredService<IOptions<AudioOptions>>().Value.MaxDurationSeconds);
        var error = Assert.Throws<SonicJobException>(() => stage.Prepare(
            SampleMedia.SingingWav, new RenderParameters(), WorkFolder, CancellationToken.None));
        Assert.Equal(ErrorCodes.AudioTooLong, error.Code);
    }

    [Fact]
    public void AddSonicAudio_DefaultLimit_IsTenMinutes()
    {
        using var provider = Services([]);

        Assert.Equal(600, provider.GetRequiredService<IOptions<AudioOptions>>().Value.MaxDurationSeconds);
    }

    [Fact]
    public void AddSonicAudio_LimitOutOfRange_FailsValidation()
    {
        using var provider = Services(new Dictionary<string, string?> { ["Sonic:Audio:MaxDurationSeconds"] = "0" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AudioOptions>>().Value);
    }

    private static AudioStage Stage(double maxDurationSeconds = 600)
        => new(new AudioDecoder(), Options.Create(new AudioOptions { MaxDurationSeconds = maxDurationSeconds }), NullLogger<AudioStage>.Instance);

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSonicAudio();
        return services.BuildServiceProvider();
    }

    private string WritePadded(PcmAudio audio, double seconds)
    {
        var padFrames = (int)Math.Round(seconds * audio.SampleRate);
        var samples = new float[(audio.FrameCount + (2 * padFrames)) * audio.Channels];
        audio.Samples.CopyTo(samples, padFrames * audio.Channels);
        var path = Path.Combine(_folder, $"padded-{Guid.NewGuid():N}.wav");
        FloatWavWriter.Write(path, samples, audio.SampleRate, audio.Channels);
        return path;
    }

    /// <summary>What the real ffprobe says about the first audio stream.</summary>
    private static (string Codec, int SampleRate, int Channels, double DurationSeconds) Probe(string path)
    {
        var audio = Ffprobe.ProbeAsync(path).GetAwaiter().GetResult().Audio;
        return (audio.CodecName, audio.SampleRate, audio.Channels, audio.Duration!.Value);
    }
}
