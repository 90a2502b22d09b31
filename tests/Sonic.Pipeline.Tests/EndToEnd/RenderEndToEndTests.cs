using Microsoft.Extensions.DependencyInjection;
using Sonic.Inference.Faces;
using Sonic.Media.Images;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Rendering;
using Sonic.Testing;
using Xunit.Abstractions;

namespace Sonic.Pipeline.Tests.EndToEnd;

/// <summary>Whole renders on real media: every stage real (NLayer/NAudio, BlazeFace on ORT, the built-in animator, ffmpeg).</summary>
[Collection(RendererCollection.Name)]
public sealed class RenderEndToEndTests(RendererFixture fixture, ITestOutputHelper log) : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-e2e");

    [Fact]
    public async Task Render_RealFaceAndMp3_WritesPlayableMp4MatchingTheAudio()
    {
        var output = Path.Combine(folder, "leo.mp4");
        var renderer = fixture.Services.GetRequiredService<InProcessRenderer>();
        var parameters = new RenderParameters { MinResolution = 512, TrimSilence = false, FileName = "Leo talks" };

        var result = await renderer.RenderAsync(new RenderRequest(
            SampleMedia.Portrait, SampleMedia.EnglishSpeechMp3, output, parameters));

        var probe = await Ffprobe.ProbeAsync(output);
        var video = probe.Video;
        var audio = probe.Audio;
        Assert.Equal("h264", video.CodecName);
        Assert.Equal("yuv420p", video.PixelFormat);
        Assert.Equal("25/1", video.FrameRate);
        Assert.Equal("aac", audio.CodecName);
        Assert.Equal((512, 512), (video.Width, video.Height));
        Assert.Equal((result.Width, result.Height), (video.Width, video.Height));
        Assert.InRange(video.Duration!.Value, 10.031 - 0.04, 10.031 + 0.04);
        Assert.InRange(Math.Abs(video.Duration.Value - audio.Duration!.Value), 0, 0.04);
        Assert.Equal(result.FrameCount, (int)video.FrameCount!.Value);
        Assert.Equal("builtin", result.Animator.Name);
        Assert.False(result.Animator.IsSonic);
        Assert.Contains("not Sonic", result.Animator.Description, StringComparison.Ordinal);
        Assert.Contains("AI-generated", probe.Format.Tags.GetValueOrDefault("comment", string.Empty), StringComparison.Ordinal);
        Assert.Equal("Leo talks.mp4", result.FileName.Replace('_', ' '));
    }

    [Fact]
    public async Task Render_SpeechSilenceSpeech_MouthMovesClearlyMoreDuringSpeech()
    {
        // 3 s speech, 3 s digital silence, 3 s speech: trimming keeps the middle silence.
        var speech = SampleMedia.EnglishSpeechMp3;
        var clip = Path.Combine(folder, "speech-silence-speech.wav");
        MediaTool.Ffmpeg(
            "-i", speech, "-f", "lavfi", "-t", "3", "-i", "anullsrc=r=44100:cl=stereo",
            "-filter_complex", "[0:a]atrim=0:3,asetpts=N/SR/TB[a];[0:a]atrim=3:6,asetpts=N/SR/TB[b];[a][1:a][b]concat=n=3:v=0:a=1",
            "-ar", "44100", "-ac", "2", clip);
        var image = SampleMedia.Portrait;
        var output = Path.Combine(folder, "motion.mp4");
        var renderer = fixture.Services.GetRequiredService<InProcessRenderer>();

        var result = await renderer.RenderAsync(new RenderRequest(
            image, clip, output, new RenderParameters { MinResolution = 512, TrimSilence = false }));

        // Where the mouth is, measured independently on the source with the same detector (512 px source = output).
        var detector = fixture.Services.GetRequiredService<IFaceDetector>();
        using var loaded = fixture.Services.GetRequiredService<ImageLoader>().Load(image);
        var face = detector.Detect(loaded.Bitmap)[0];
        var scale = result.Width / (double)loaded.Bitmap.Width;
        var boxW = (int)(face.Box.Width * 0.5 * scale);
        var boxH = (int)(face.Box.Height * 0.3 * scale);
        var x = (int)((face.Mouth.X * scale) - (boxW / 2));
        var y = (int)((face.Mouth.Y * scale) - (boxH / 2));
        var motion = FrameMotion.InRegion(output, result.Width, result.Height, x, y, boxW, boxH);

        double Mean(double from, double to) => motion.Skip((int)(from * 25)).Take((int)((to - from) * 25)).Average();
        var speaking = (Mean(0.2, 2.8) + Mean(6.2, 8.8)) / 2;
        var silent = Mean(3.6, 5.4);
        log.WriteLine($"mean mouth-region motion per frame: speaking {speaking:F3}, silent {silent:F3}, ratio {speaking / silent:F2}");
        Assert.True(speaking > 2 * silent && speaking > 0.5, $"mouth motion: speaking {speaking:F3}, silent {silent:F3}");
    }

    public void Dispose()
    {
        TestPaths.TryDeleteFolder(folder);
    }
}
