using Sonic.Media.Video;
using Sonic.Testing;

namespace Sonic.Media.Tests.Video;

public sealed class VideoEncoderTests : IDisposable
{
    private const int Width = 320;
    private const int Height = 240;
    private const int Frames = 50;
    private const double FrameSeconds = 0.04;

    private readonly string _folder = TestPaths.NewTempFolder("sonic-encode");
    private readonly VideoEncoder _encoder = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EncodeAsync_SyntheticFramesAndSine_WritesH264HighYuv420pAacAt25Fps()
    {
        var wav = SineWav.Write(Path.Combine(_folder, "tone.wav"), seconds: Frames * FrameSeconds, sampleRate: 44100);
        var output = Path.Combine(_folder, "out.mp4");

        var result = await _encoder.EncodeAsync(
            SyntheticFrames.MovingGradient(Width, Height, Frames), wav, output, new VideoEncodeSettings(Width, Height, Frames), CancellationToken.None);

        Assert.Equal(output, result.OutputPath);
        Assert.Equal(new FileInfo(output).Length, result.Bytes);
        var probe = await Ffprobe.ProbeAsync(output);
        var video = probe.Video;
        Assert.Equal("h264", video.CodecName);
        Assert.Equal("High", video.Profile);
        Assert.Equal("avc1", video.CodecTag);
        Assert.Equal("yuv420p", video.PixelFormat);
        Assert.Equal("25/1", video.FrameRate);
        Assert.Equal((Width, Height), (video.Width, video.Height));
        Assert.Equal(Frames, video.FrameCount);
        Assert.Equal("bt709", video.ColorSpace);
        var audio = probe.Audio;
        Assert.Equal("aac", audio.CodecName);
        Assert.InRange(audio.BitRate!.Value, 100_000, 140_000);
        Assert.InRange(video.Duration!.Value, 2.0 - FrameSeconds, 2.0 + FrameSeconds);
        Assert.InRange(Math.Abs(video.Duration.Value - audio.Duration!.Value), 0, FrameSeconds);
    }

    [Fact]
    public async Task EncodeAsync_DefaultSettings_PutsMoovBeforeMdatAndMarksTheFileAiGenerated()
    {
        var wav = SineWav.Write(Path.Combine(_folder, "tone.wav"), seconds: 1);
        var output = Path.Combine(_folder, "out.mp4");

        await _encoder.EncodeAsync(SyntheticFrames.MovingGradient(Width, Height, 25), wav, output, new VideoEncodeSettings(Width, Height, 25), CancellationToken.None);

        var boxes = Mp4Boxes.TopLevelTypes(output).ToList();
        Assert.Contains("moov", boxes);
        Assert.Contains("mdat", boxes);
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"), "moov after mdat: " + string.Join(",", boxes));
        var tags = (await Ffprobe.ProbeAsync(output)).Format.Tags;
        Assert.Equal("true", tags["ai_generated"]);
        Assert.Contains("AI-generated", tags["comment"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncodeAsync_Mp3Option_WritesMp3Audio()
    {
        var wav = SineWav.Write(Path.Combine(_folder, "tone.wav"), seconds: 1, sampleRate: 44100, channels: 2);
        var output = Path.Combine(_folder, "out.mp4");

        await _encoder.EncodeAsync(
            SyntheticFrames.MovingGradient(Width, Height, 25), wav, output, new VideoEncodeSettings(Width, Height, 25, AudioCodec: "mp3"), CancellationToken.None);

        var probe = await Ffprobe.ProbeAsync(output);
        Assert.Equal("mp3", probe.Audio.CodecName);
        Assert.Equal(2, probe.Audio.Channels);
        Assert.InRange(Math.Abs(probe.Video.Duration!.Value - probe.Audio.Duration!.Value), 0, FrameSeconds);
    }

    [Theory]
    [InlineData(nameof(SampleMedia.ChineseSpeechWav), "aac")]
    [InlineData(nameof(SampleMedia.SingingWav), "mp3")]
    public async Task EncodeAsync_RealSpeechSample_EndsBothStreamsTogetherAtTheFrameCount(string sample, string codec)
    {
        var wav = SampleMedia.Named(sample);
        var audioSeconds = (await Ffprobe.ProbeAsync(wav)).Audio.Duration!.Value;
        var frames = (int)Math.Round(audioSeconds * 25);
        var output = Path.Combine(_folder, "speech.mp4");

        await _encoder.EncodeAsync(
            SyntheticFrames.MovingGradient(160, 120, frames), wav, output, new VideoEncodeSettings(160, 120, frames, AudioCodec: codec), CancellationToken.None);

        var probe = await Ffprobe.ProbeAsync(output);
        Assert.Equal(codec, probe.Audio.CodecName);
        Assert.Equal(frames, probe.Video.FrameCount);
        Assert.InRange(Math.Abs(probe.Video.Duration!.Value - probe.Audio.Duration!.Value), 0, FrameSeconds);
        Assert.InRange(probe.Format.Duration!.Value, (frames / 25.0) - FrameSeconds, (frames / 25.0) + FrameSeconds);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(0.7)]
    [InlineData(1.98)]
    public async Task EncodeAsync_AudioLongerOrShorterThanVideo_IsCutOrPaddedToTheVideoLength(double audioSeconds)
    {
        var wav = SineWav.Write(Path.Combine(_folder, "tone.wav"), seconds: audioSeconds);
        var output = Path.Combine(_folder, "out.mp4");

        await _encoder.EncodeAsync(
            SyntheticFrames.MovingGradient(Width, Height, Frames), wav, output, new VideoEncodeSettings(Width, Height, Frames), CancellationToken.None);

        var probe = await Ffprobe.ProbeAsync(output);
        var expected = Frames * FrameSeconds;
        Assert.InRange(probe.Video.Duration!.Value, expected - FrameSeconds, expected + FrameSeconds);
        Assert.InRange(probe.Audio.Duration!.Value, expected - FrameSeconds, expected + FrameSeconds);
    }

    [Fact]
    public async Task EncodeAsync_SolidColourFrames_DecodeBackToTheSameColour()
    {
        var wav = SineWav.Write(Path.Combine(_folder, "tone.wav"), seconds: 0.4);
        var output = Path.Combine(_folder, "out.mp4");
        var frame = SyntheticFrames.Solid(Width, Height, 200, 40, 90);

        await _encoder.EncodeAsync(Enumerable.Repeat(frame, 10), wav, output, new VideoEncodeSettings(Width, Height, 10), CancellationToken.None);

        var decoded = await FfmpegDecode.FrameRgbaAsync(output, 5, Width, Height);
        double r = 0, g = 0, b = 0;
        for (var p = 0; p < decoded.Length; p += 4)
        {
            r += decoded[p];
            g += decoded[p + 1];
            b += decoded[p + 2];
        }

        var n = decoded.Length / 4.0;
        Assert.InRange(r / n, 196, 204);
        Assert.InRange(g / n, 36, 44);
        Assert.InRange(b / n, 86, 94);
    }

    [Fact]
    public async Task EncodeAsync_MissingAudioFile_ThrowsMediaToolExceptionWithStderrAndLeavesNoFile()
    {
        var output = Path.Combine(_folder, "out.mp4");

        var error = await Assert.ThrowsAsync<MediaToolException>(() => _encoder.EncodeAsync(
            SyntheticFrames.MovingGradient(Width, Height, Frames), Path.Combine(_folder, "missing.wav"), output,
            new VideoEncodeSettings(Width, Height, Frames), CancellationToken.None));

        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains("missing.wav", error.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task EncodeAsync_CancelledMidway_KillsFfmpegAndLeavesNoFile()
    {
        var wav = SineWav.Write(Path.Combine(_folder, "tone.wav"), seconds: 20);
        var output = Path.Combine(_folder, "out.mp4");
        using var cancellation = new CancellationTokenSource();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _encoder.EncodeAsync(
            CancelAfter(SyntheticFrames.MovingGradient(Width, Height, 500), 30, cancellation), wav, output,
            new VideoEncodeSettings(Width, Height, 500), cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal([wav], Directory.GetFileSystemEntries(_folder));
        Assert.Empty(ProcessesMentioning(_folder));
    }

    [Fact]
    public async Task EncodeAsync_FramesRunOutEarly_ThrowsAndLeavesNoFile()
    {
        var wav = SineWav.Write(Path.Combine(_folder, "tone.wav"), seconds: 2);
        var output = Path.Combine(_folder, "out.mp4");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _encoder.EncodeAsync(
            SyntheticFrames.MovingGradient(Width, Height, 20), wav, output, new VideoEncodeSettings(Width, Height, Frames), CancellationToken.None));

        Assert.Equal([wav], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task EncodeAsync_FrameOfTheWrongSize_ThrowsAndLeavesNoFile()
    {
        var wav = SineWav.Write(Path.Combine(_folder, "tone.wav"), seconds: 1);
        var output = Path.Combine(_folder, "out.mp4");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _encoder.EncodeAsync(
            SyntheticFrames.MovingGradient(Width + 2, Height, 25), wav, output, new VideoEncodeSettings(Width, Height, 25), CancellationToken.None));

        Assert.Equal([wav], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task EncodeAsync_ExistingOutput_IsReplacedOnlyOnSuccess()
    {
        var output = Path.Combine(_folder, "out.mp4");
        await File.WriteAllTextAsync(output, "previous");

        await Assert.ThrowsAsync<MediaToolException>(() => _encoder.EncodeAsync(
            SyntheticFrames.MovingGradient(Width, Height, 25), Path.Combine(_folder, "missing.wav"), output,
            new VideoEncodeSettings(Width, Height, 25), CancellationToken.None));
        Assert.Equal("previous", await File.ReadAllTextAsync(output));

        var wav = SineWav.Write(Path.Combine(_folder, "tone.wav"), seconds: 1);
        await _encoder.EncodeAsync(SyntheticFrames.MovingGradient(Width, Height, 25), wav, output, new VideoEncodeSettings(Width, Height, 25), CancellationToken.None);
        Assert.Equal("h264", (await Ffprobe.ProbeAsync(output)).Video.CodecName);
    }

    [Theory]
    [InlineData("sp ace")]
    [InlineData("q\"uote")]
    [InlineData("it's")]
    [InlineData(@"back\slash\")]
    [InlineData(@"b\""q")]
    [InlineData("中文 🎬")]
    [InlineData("-dash")]
    public async Task EncodeAndRemux_AnyNameTheFileSystemAccepts_ReadAndWriteThatFile(string name)
    {
        // The folder has the name too, and the remux target ends in a backslash: the last character before
        // FFMpegCore's closing quote, which must not escape it.
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        var wav = SineWav.Write(Path.Combine(folder, name + ".wav"), seconds: 1);
        var output = Path.Combine(folder, name + ".mp4");
        var shifted = Path.Combine(folder, name + "\\");
        var settings = new VideoEncodeSettings(160, 120, 25);

        await _encoder.EncodeAsync(SyntheticFrames.MovingGradient(160, 120, 25), wav, output, settings, CancellationToken.None);
        await _encoder.RemuxWithShiftedAudioAsync(output, wav, 0.1, shifted, settings, CancellationToken.None);

        Assert.Equal(25, (await Ffprobe.ProbeAsync(output)).Video.FrameCount);
        Assert.Equal("aac", (await Ffprobe.ProbeAsync(shifted)).Audio.CodecName);
        Assert.Equal(new[] { output, shifted, wav }.Order(StringComparer.Ordinal), Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(321, 240, 25, "aac")]
    [InlineData(320, 240, 0, "aac")]
    [InlineData(320, 240, 25, "opus")]
    public void Validate_BadSettings_ThrowsArgumentException(int width, int height, int frames, string codec)
        => Assert.ThrowsAny<ArgumentException>(() => new VideoEncodeSettings(width, height, frames, AudioCodec: codec).Validate());

    [Fact]
    public async Task EncodeFloorAsync_SameSettings_ReportsFfmpegTimeAndLeavesNothingBehind()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "sonic-encode-floor-*").Length;

        var elapsed = await _encoder.EncodeFloorAsync(new VideoEncodeSettings(Width, Height, Frames), CancellationToken.None);

        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "sonic-encode-floor-*").Length);
    }

    private static IEnumerable<RgbaFrame> CancelAfter(IEnumerable<RgbaFrame> frames, int count, CancellationTokenSource cancellation)
    {
        foreach (var frame in frames)
        {
            if (frame.Index == count)
            {
                cancellation.Cancel();
            }

            yield return frame;
        }
    }

    /// <summary>Running processes whose command line contains <paramref name="text"/> (Linux /proc).</summary>
    private static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
