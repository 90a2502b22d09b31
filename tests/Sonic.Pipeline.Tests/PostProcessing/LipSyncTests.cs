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
            var plan = new PostProcessPlan(CalibrateLipsync: true, SmoothMotion: false, WatermarkText: null, SyntheticTalkingClip.Face, SyntheticTalkingClip.Mouth);
            var (result, output, width, height) = await EncodeSyntheticAsync(folder, offsetMs, plan);

            var sync = result.Post!.LipSync!;
            Assert.True(sync.Corrected);
            Assert.InRange(sync.OffsetBefore!.Value, (offsetMs / 1000.0) - OneFrame, (offsetMs / 1000.0) + OneFrame);
            Assert.InRange(sync.OffsetAfter!.Value, -LipSyncCorrection.ThresholdSeconds, LipSyncCorrection.ThresholdSeconds);

            // Measured again on the file itself: its mouth region against its own audio track.
            var (left, top, right, bottom) = SyntheticTalkingClip.Mouth.Pixels(SyntheticTalkingClip.Side);
            var motion = FrameMotion.InRegion(output, width, height, CropAt + left, CropAt + top, right - left, bottom - top);
            var written = SyntheticTalkingClip.LoudnessOf(SyntheticTalkingClip.Speech16k(output));
            var remeasured = LipSyncEstimator.Estimate(motion, written);
            Assert.InRange(remeasured.OffsetSeconds!.Value, -OneFrame, OneFrame);
            var probe = await Ffprobe.ProbeAsync(output);
            var duration = SyntheticTalkingClip.Loudness.Count / 25.0;
            Assert.InRange(probe.Format.Duration!.Value, duration - OneFrame, duration + OneFrame);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task EncodeAsync_WatermarkAndACorrection_TheFileShowsTheMarkAndStaysMarkedAiGenerated()
    {
        var folder = TestPaths.NewTempFolder("sonic-watermark");
        try
        {
            const string text = "AI-generated";
            var marked = new PostProcessPlan(CalibrateLipsync: true, SmoothMotion: false, WatermarkText: text, SyntheticTalkingClip.Face, SyntheticTalkingClip.Mouth);
            var (result, output, width, height) = await EncodeSyntheticAsync(Directory.CreateDirectory(Path.Combine(folder, "marked")).FullName, 120, marked);
            var (_, unmarked, _, _) = await EncodeSyntheticAsync(Directory.CreateDirectory(Path.Combine(folder, "plain")).FullName, 120, marked with { WatermarkText = null });

            // The re-mux that moved the audio kept the container's AI-generated tags.
            Assert.True(result.Post!.LipSync!.Corrected);
            var tags = (await Ffprobe.ProbeAsync(output)).Format.Tags;
            Assert.Equal("true", tags["ai_generated"]);

            // The mark is in the corner the overlay claims, on every frame, and nowhere else.
            var (x, y, w, h) = new WatermarkOverlay(text, width, height).Bounds;
            var corner = FrameMotion.MeanInRegion(output, width, height, x, y, w, h).Zip(FrameMotion.MeanInRegion(unmarked, width, height, x, y, w, h), (a, b) => Math.Abs(a - b)).ToList();
            var face = FrameMotion.MeanInRegion(output, width, height, CropAt, CropAt, 100, 100).Zip(FrameMotion.MeanInRegion(unmarked, width, height, CropAt, CropAt, 100, 100), (a, b) => Math.Abs(a - b)).ToList();
            Assert.Equal(SyntheticTalkingClip.Loudness.Count, corner.Count);
            Assert.All(corner, difference => Assert.True(difference > 4, $"the corner changed by only {difference:F1} grey levels"));
            Assert.All(face, difference => Assert.True(difference < 1, $"the face changed by {difference:F1} grey levels"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The synthetic face is pasted at (72, 72) into a 400×400 frame of one grey-blue colour.
    private const int CropAt = 72;

    /// <summary>The synthetic talking clip, its mouth <paramref name="offsetMs"/> late, through the real paste-back encoder.</summary>
    private async Task<(PasteBackEncodeResult Result, string Output, int Width, int Height)> EncodeSyntheticAsync(string folder, int offsetMs, PostProcessPlan plan)
    {
        var loudness = SyntheticTalkingClip.Loudness;
        var wav = Path.Combine(folder, "speech.wav");
        using (var convert = ToolProcess.Start("ffmpeg", ["-v", "error", "-y", "-i", TestPaths.Sample("talk_male_law_10s.wav"), "-ac", "1", "-ar", "16000", wav]))
        {
            await convert.WaitForExitAsync();
        }

        using var background = new SKBitmap(new SKImageInfo(400, 400, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        background.Erase(new SKColor(90, 110, 130));
        var compositor = new PasteBackCompositor(background, CropAt, CropAt, SyntheticTalkingClip.Side, 400);
        var settings = new VideoEncodeSettings(compositor.OutputWidth, compositor.OutputHeight, loudness.Count);
        var output = Path.Combine(folder, "out.mp4");
        var encoder = fixture.Services.GetRequiredService<PasteBackEncoder>();
        var result = await encoder.EncodeAsync(
            SyntheticTalkingClip.Frames(loudness, offsetMs / 40), compositor, wav, output, settings,
            new PostProcessContext(plan, SyntheticTalkingClip.FeaturesOf(loudness)), onFrame: null, CancellationToken.None);
        return (result, output, compositor.OutputWidth, compositor.OutputHeight);
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
