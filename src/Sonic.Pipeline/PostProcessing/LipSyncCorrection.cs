namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// Turns a measurement into a decision: correct when |offset| &gt; <see cref="ThresholdSeconds"/>, by whole frames
/// (at most ±<see cref="LipSyncEstimator.MaxLagFrames"/>), and re-measure at the corrected alignment for the report.
/// </summary>
public static class LipSyncCorrection
{
    public const double ThresholdSeconds = 0.03;

    public static LipSyncReport Decide(IReadOnlyList<double> mouthMotion, IReadOnlyList<float> loudness)
    {
        var before = LipSyncEstimator.Estimate(mouthMotion, loudness);
        if (before.OffsetSeconds is not { } offset || Math.Abs(offset) <= ThresholdSeconds)
        {
            return new LipSyncReport(before.OffsetSeconds, before.OffsetSeconds, Corrected: false, 0, before.Correlation);
        }

        var frames = Math.Clamp((int)Math.Round(offset * LipSyncEstimator.FramesPerSecond), -LipSyncEstimator.MaxLagFrames, LipSyncEstimator.MaxLagFrames);
        if (frames == 0)
        {
            return new LipSyncReport(offset, offset, Corrected: false, 0, before.Correlation);
        }

        var after = LipSyncEstimator.Estimate(mouthMotion, loudness, audioDelayFrames: frames);
        return new LipSyncReport(offset, after.OffsetSeconds, Corrected: true, (double)frames / LipSyncEstimator.FramesPerSecond, before.Correlation);
    }
}
