namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// Finds the lag between mouth motion and the speech envelope. Both sides are "activity" signals at 25 fps: the
/// mouth's frame-to-frame change (<see cref="MouthMotionMeter"/>) against the loudness's frame-to-frame change, so
/// an opening mouth lines up with a rising voice. The lag with the highest normalised (Pearson) correlation over
/// the overlap wins; a parabola through it and its neighbours gives the sub-frame offset.
/// </summary>
public static class LipSyncEstimator
{
    public const int FramesPerSecond = 25;

    /// <summary>±0.5 s at 25 fps, in whole frames (12 = 0.48 s).</summary>
    public const int MaxLagFrames = 12;

    /// <summary>Below this the peak is noise, not a match: no offset is claimed.</summary>
    public const double MinCorrelation = 0.2;

    /// <summary>Frames louder than this count as speech (loudness is 0..1 relative to the clip's speech level).</summary>
    public const float SpeechLoudness = 0.15f;

    /// <summary>At least 1 s of speech is needed to measure anything.</summary>
    public const int MinSpeechFrames = 25;

    /// <param name="mouthMotion">Per frame, the mouth's change from the previous frame (index 0 is ignored).</param>
    /// <param name="loudness">Per frame loudness, 0..1, the same frame clock.</param>
    /// <param name="audioDelayFrames">Compare as if the audio were delayed by this many frames (to re-measure after a correction).</param>
    public static LipSyncEstimate Estimate(IReadOnlyList<double> mouthMotion, IReadOnlyList<float> loudness, int audioDelayFrames = 0)
    {
        ArgumentNullException.ThrowIfNull(mouthMotion);
        ArgumentNullException.ThrowIfNull(loudness);
        var n = Math.Min(mouthMotion.Count, loudness.Count);
        if (loudness.Take(n).Count(l => l > SpeechLoudness) < MinSpeechFrames)
        {
            return new LipSyncEstimate(null, 0);
        }

        var video = new double[n];
        var audio = new double[n];
        for (var i = 1; i < n; i++)
        {
            video[i] = mouthMotion[i];
            var j = i - audioDelayFrames;
            audio[i] = j >= 1 && j < n ? Math.Abs(loudness[j] - loudness[j - 1]) : 0;
        }

        var scores = new double[(2 * MaxLagFrames) + 1];
        for (var lag = -MaxLagFrames; lag <= MaxLagFrames; lag++)
        {
            scores[lag + MaxLagFrames] = Correlate(video, audio, lag);
        }

        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best])
            {
                best = k;
            }
        }

        var peak = scores[best];
        if (!(peak >= MinCorrelation))
        {
            return new LipSyncEstimate(null, double.IsFinite(peak) ? peak : 0);
        }

        var fraction = 0.0;
        if (best > 0 && best < scores.Length - 1)
        {
            var (left, right) = (scores[best - 1], scores[best + 1]);
            var curvature = left - (2 * peak) + right;
            fraction = curvature < 0 ? Math.Clamp(0.5 * (left - right) / curvature, -0.5, 0.5) : 0;
        }

        return new LipSyncEstimate((best - MaxLagFrames + fraction) / FramesPerSecond, peak);
    }

    /// <summary>Pearson correlation of video[i] with audio[i − lag] over the frames both have (frame 0 has no change).</summary>
    private static double Correlate(double[] video, double[] audio, int lag)
    {
        var from = Math.Max(1, 1 + lag);
        var to = Math.Min(video.Length, audio.Length + lag);
        var count = to - from;
        if (count < MinSpeechFrames)
        {
            return double.NaN;
        }

        double sv = 0, sa = 0;
        for (var i = from; i < to; i++)
        {
            sv += video[i];
            sa += audio[i - lag];
        }

        var (mv, ma) = (sv / count, sa / count);
        double cov = 0, vv = 0, va = 0;
        for (var i = from; i < to; i++)
        {
            var dv = video[i] - mv;
            var da = audio[i - lag] - ma;
            cov += dv * da;
            vv += dv * dv;
            va += da * da;
        }

        return vv > 1e-12 && va > 1e-12 ? cov / Math.Sqrt(vv * va) : double.NaN;
    }
}
