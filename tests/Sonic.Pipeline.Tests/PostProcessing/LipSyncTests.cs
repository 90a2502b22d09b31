using Microsoft.Extensions.DependencyInjection;
using Sonic.Media.Video;
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
            var (result, output, width, height) = await SyntheticClipEncoder.EncodeAsync(fixture.Services.GetRequiredService<PasteBackEncoder>(), folder, plan, videoLagFrames: offsetMs / 40);

            var sync = result.Post!.LipSync!;
            Assert.True(sync.Corrected);
            Assert.InRange(sync.OffsetBefore!.Value, (offsetMs / 1000.0) - OneFrame, (offsetMs / 1000.0) + OneFrame);
            Assert.InRange(sync.OffsetAfter!.Value, -LipSyncCorrection.ThresholdSeconds, LipSyncCorrection.ThresholdSeconds);

            // Measured again on the file itself: its mouth region against its own audio track.
            var (left, top, right, bottom) = SyntheticTalkingClip.Mouth.Pixels(SyntheticTalkingClip.Side);
            var motion = FrameMotion.InRegion(output, width, height, SyntheticClipEncoder.CropAt + left, SyntheticClipEncoder.CropAt + top, right - left, bottom - top);
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
