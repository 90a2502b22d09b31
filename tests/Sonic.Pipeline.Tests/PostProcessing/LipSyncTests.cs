using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Sonic.Media.Video;
using Sonic.Pipeline.Compositing;
using Sonic.Pipeline.PostProcessing;
using Sonic.Pipeline.Rendering;
using Sonic.Pipeline.Tests.EndToEnd;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.PostProcessing;

[Collection(RendererCollection.Name)]
public sealed class LipSyncTests(RendererFixture fixture)
{
    private const double OneFrame = 0.04;

    [Theory]
    [InlineData(-200)]
    [InlineData(-80)]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(120)]
    public void Estimate_InjectedOffset_IsFoundWithinOneFrame(int offsetMs)
    {
        var loudness = SyntheticTalkingClip.Loudness;
        var motion = MouthMotion(SyntheticTalkingClip.Frames(loudness, offsetMs / 40));

        var estimate = LipSyncEstimator.Estimate(motion, loudness);

        Assert.NotNull(estimate.OffsetSeconds);
        Assert.InRange(estimate.OffsetSeconds.Value, (offsetMs / 1000.0) - OneFrame, (offsetMs / 1000.0) + OneFrame);
    }

    [Fact]
    public void Decide_InSyncClip_IsLeftAlone()
    {
        var loudness = SyntheticTalkingClip.Loudness;

        var report = LipSyncCorrection.Decide(MouthMotion(SyntheticTalkingClip.Frames(loudness)), loudness);

        Assert.False(report.Corrected);
        Assert.Equal(0, report.AudioShiftSeconds);
        Assert.InRange(report.OffsetBefore!.Value, -LipSyncCorrection.ThresholdSeconds, LipSyncCorrection.ThresholdSeconds);
    }

    [Fact]
    public void Decide_ClipWithoutSpeech_IsNotShifted()
    {
        // The mouth still moves (as a model might mumble), but the audio is silent: nothing to align to.
        var speech = SyntheticTalkingClip.Loudness;
        var silence = new float[speech.Count];

        var report = LipSyncCorrection.Decide(MouthMotion(SyntheticTalkingClip.Frames(speech)), silence);

        Assert.False(report.Corrected);
        Assert.Null(report.OffsetBefore);
        Assert.Equal(0, report.AudioShiftSeconds);
    }

    [Theory]
    [InlineData(-200)]
    [InlineData(-80)]
    [InlineData(40)]
    [InlineData(120)]
    public async Task EncodeAsync_InjectedOffset_IsCorrectedInTheWrittenFile(int offsetMs)
    {
        var folder = TestPaths.NewTempFolder("sonic-lipsync");
        try
        {
            var loudness = SyntheticTalkingClip.Loudness;
            var wav = Path.Combine(folder, "speech.wav");
            using (var convert = ToolProcess.Start("ffmpeg", ["-v", "error", "-y", "-i", TestPaths.Sample("talk_male_law_10s.wav"), "-ac", "1", "-ar", "16000", wav]))
            {
                await convert.WaitForExitAsync();
            }

            const int cropAt = 72;
            using var background = new SKBitmap(new SKImageInfo(400, 400, SKColorType.Rgba8888, SKAlphaType.Unpremul));
            background.Erase(new SKColor(90, 110, 130));
            var compositor = new PasteBackCompositor(background, cropAt, cropAt, SyntheticTalkingClip.Side, 400);
            var settings = new VideoEncodeSettings(compositor.OutputWidth, compositor.OutputHeight, loudness.Count);
            var plan = new PostProcessPlan(CalibrateLipsync: true, SmoothMotion: false, WatermarkText: null, SyntheticTalkingClip.Face, SyntheticTalkingClip.Mouth);
            var output = Path.Combine(folder, "out.mp4");
            var encoder = fixture.Services.GetRequiredService<PasteBackEncoder>();

            var result = await encoder.EncodeAsync(
                SyntheticTalkingClip.Frames(loudness, offsetMs / 40), compositor, wav, output, settings,
                new PostProcessContext(plan, SyntheticTalkingClip.FeaturesOf(loudness)), onFrame: null, CancellationToken.None);

            var sync = result.Post!.LipSync!;
            Assert.True(sync.Corrected);
            Assert.InRange(sync.OffsetBefore!.Value, (offsetMs / 1000.0) - OneFrame, (offsetMs / 1000.0) + OneFrame);
            Assert.InRange(sync.OffsetAfter!.Value, -LipSyncCorrection.ThresholdSeconds, LipSyncCorrection.ThresholdSeconds);

            // Measured again on the file itself: its mouth region against its own audio track.
            var (left, top, right, bottom) = SyntheticTalkingClip.Mouth.Pixels(SyntheticTalkingClip.Side);
            var motion = FrameMotion.InRegion(output, compositor.OutputWidth, compositor.OutputHeight, cropAt + left, cropAt + top, right - left, bottom - top);
            var written = SyntheticTalkingClip.LoudnessOf(SyntheticTalkingClip.Speech16k(output));
            var remeasured = LipSyncEstimator.Estimate(motion, written);
            Assert.InRange(remeasured.OffsetSeconds!.Value, -OneFrame, OneFrame);
            var probe = await Ffprobe.ProbeAsync(output);
            Assert.InRange(probe.Format.Duration!.Value, settings.DurationSeconds - OneFrame, settings.DurationSeconds + OneFrame);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IReadOnlyList<double> MouthMotion(IEnumerable<RgbaFrame> frames)
    {
        var meter = new MouthMotionMeter(SyntheticTalkingClip.Mouth);
        foreach (var frame in frames)
        {
            meter.Add(frame);
        }

        return meter.Motion;
    }
}
