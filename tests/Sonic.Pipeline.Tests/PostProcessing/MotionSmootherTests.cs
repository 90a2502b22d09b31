using Sonic.Media.Video;
using Sonic.Pipeline.PostProcessing;

namespace Sonic.Pipeline.Tests.PostProcessing;

public sealed class MotionSmootherTests
{
    private const int Frames = 150;

    [Fact]
    public void Process_JitteredClip_HalvesTheJitter()
    {
        var random = new Random(7);
        var shifts = Enumerable.Range(0, Frames).Select(_ => ((random.NextDouble() * 6) - 3, (random.NextDouble() * 6) - 3)).ToArray();
        var loudness = SyntheticTalkingClip.Loudness.Take(Frames).ToArray();

        var before = Jitter(SyntheticTalkingClip.Frames(loudness, jitter: i => shifts[i]));
        var after = Jitter(Smoothed(SyntheticTalkingClip.Frames(loudness, jitter: i => shifts[i])));

        Assert.True(before > 2, $"the injected jitter should show ({before:F2} px)");
        Assert.True(after <= before / 2, $"jitter {before:F2} px → {after:F2} px");
    }

    [Fact]
    public void Process_FlickeringClip_HalvesTheFlicker()
    {
        // A flash about once a second plus a small random gain on every frame.
        var random = new Random(11);
        var gains = Enumerable.Range(0, Frames).Select(i => (i % 25 == 12 ? 1.15 : 1.0) + ((random.NextDouble() - 0.5) * 0.04)).ToArray();
        var loudness = SyntheticTalkingClip.Loudness.Take(Frames).ToArray();

        var before = Flicker(SyntheticTalkingClip.Frames(loudness, gain: i => gains[i]));
        var after = Flicker(Smoothed(SyntheticTalkingClip.Frames(loudness, gain: i => gains[i])));

        Assert.True(before > 2, $"the injected flicker should show ({before:F2} grey levels)");
        Assert.True(after <= before / 2, $"flicker {before:F2} → {after:F2} grey levels");
    }

    [Fact]
    public void Process_JitteredTalkingClip_KeepsTheMouthMotion()
    {
        // The mouth's size is measured as its darkness on plain skin, wherever the jitter and the correction put it,
        // so the metric sees the opening itself, not motion inside a fixed box (which leftover jitter would inflate).
        var loudness = SyntheticTalkingClip.Loudness.Take(Frames).ToArray();
        var random = new Random(3);
        var shifts = Enumerable.Range(0, Frames).Select(_ => ((random.NextDouble() * 4) - 2, (random.NextDouble() * 4) - 2)).ToArray();
        var truth = loudness.Select(l => SyntheticTalkingClip.MouthOpening(l)).ToArray();

        var clean = MouthSizes(SyntheticTalkingClip.Frames(loudness, plainAroundMouth: true));
        var smoothed = MouthSizes(Smoothed(SyntheticTalkingClip.Frames(loudness, jitter: i => shifts[i], plainAroundMouth: true)));
        var ghosted = MouthSizes(Blended(SyntheticTalkingClip.Frames(loudness, jitter: i => shifts[i], plainAroundMouth: true)));

        Assert.True(Correlation(clean, truth) > 0.99, "the mouth-size metric should follow the drawn opening");
        Assert.True(Correlation(smoothed, truth) > 0.98, $"smoothed mouth follows the speech with r = {Correlation(smoothed, truth):F3}");
        var kept = MotionEnergy(smoothed) / MotionEnergy(clean);
        Assert.InRange(kept, 0.9, 1.1);

        // What this guards against: averaging pixels over time (an EMA on frames) ghosts the mouth and fails here.
        Assert.True(MotionEnergy(ghosted) / MotionEnergy(clean) < 0.9, $"a 50 % frame blend kept {MotionEnergy(ghosted) / MotionEnergy(clean):P0}");
    }

    [Fact]
    public void Process_StillClip_StaysStill()
    {
        var still = new RgbaFrame(SyntheticTalkingClip.Side, SyntheticTalkingClip.Side);
        SyntheticTalkingClip.Draw(still, 5, 0, 0, 1.0);
        var smoother = new MotionSmoother(SyntheticTalkingClip.Face, SyntheticTalkingClip.Mouth);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(still.Pixels, smoother.Process(still).Pixels);
        }

        Assert.Equal(0, smoother.MeanShiftPixels);
        Assert.Equal(0, smoother.MeanGainChange);
    }

    [Fact]
    public void Measure_CorrectionGivenToTheMouthMeter_MeasuresWhatProcessShows()
    {
        var loudness = SyntheticTalkingClip.Loudness.Take(Frames).ToArray();
        var random = new Random(5);
        var shifts = Enumerable.Range(0, Frames).Select(_ => ((random.NextDouble() * 4) - 2, (random.NextDouble() * 4) - 2)).ToArray();
        var gains = Enumerable.Range(0, Frames).Select(i => i % 20 == 7 ? 1.12 : 1.0).ToArray();
        var measuring = new MotionSmoother(SyntheticTalkingClip.Face, SyntheticTalkingClip.Mouth);
        var folded = new MouthMotionMeter(SyntheticTalkingClip.Mouth);
        var corrected = 0;

        foreach (var frame in SyntheticTalkingClip.Frames(loudness, jitter: i => shifts[i], gain: i => gains[i]))
        {
            var correction = measuring.Measure(frame);
            corrected += correction.IsIdentity ? 0 : 1;
            folded.Add(frame, correction);
        }

        var applied = new MouthMotionMeter(SyntheticTalkingClip.Mouth);
        foreach (var frame in Smoothed(SyntheticTalkingClip.Frames(loudness, jitter: i => shifts[i], gain: i => gains[i])))
        {
            applied.Add(frame);
        }

        Assert.True(corrected > Frames / 2, $"only {corrected} frames were corrected");
        var difference = folded.Motion.Zip(applied.Motion, (a, b) => Math.Abs(a - b)).Sum();
        Assert.True(difference <= 0.05 * applied.Motion.Sum(), $"mouth motion differs by {difference:F1} of {applied.Motion.Sum():F1}");
    }

    private static IEnumerable<RgbaFrame> Smoothed(IEnumerable<RgbaFrame> frames)
    {
        var smoother = new MotionSmoother(SyntheticTalkingClip.Face, SyntheticTalkingClip.Mouth);
        return frames.Select(smoother.Process);
    }

    /// <summary>RMS frame-to-frame movement of the left eye, found as the centroid of its dark pixels (independent of the smoother).</summary>
    private static double Jitter(IEnumerable<RgbaFrame> frames)
    {
        var positions = frames.Select(EyeCentroid).ToArray();
        return Math.Sqrt(positions.Zip(positions.Skip(1), (a, b) => Math.Pow(b.X - a.X, 2) + Math.Pow(b.Y - a.Y, 2)).Average());
    }

    private static (double X, double Y) EyeCentroid(RgbaFrame frame)
    {
        var (ex, ey) = SyntheticTalkingClip.LeftEye;
        double sx = 0, sy = 0, sw = 0;
        for (var y = (int)ey - 14; y <= (int)ey + 14; y++)
        {
            for (var x = (int)ex - 14; x <= (int)ex + 14; x++)
            {
                var o = ((y * frame.Width) + x) * 4;
                var darkness = Math.Max(0, 70 - MouthMotionMeterLuma(frame.Pixels, o));
                (sx, sy, sw) = (sx + (x * darkness), sy + (y * darkness), sw + darkness);
            }
        }

        return (sx / sw, sy / sw);
    }

    /// <summary>RMS frame-to-frame change of the forehead's mean grey level.</summary>
    private static double Flicker(IEnumerable<RgbaFrame> frames)
    {
        var means = frames.Select(frame =>
        {
            double sum = 0;
            var count = 0;
            for (var y = 56; y < 80; y++)
            {
                for (var x = 90; x < 166; x++)
                {
                    sum += MouthMotionMeterLuma(frame.Pixels, ((y * frame.Width) + x) * 4);
                    count++;
                }
            }

            return sum / count;
        }).ToArray();
        return Math.Sqrt(means.Zip(means.Skip(1), (a, b) => (b - a) * (b - a)).Average());
    }

    /// <summary>Per frame, the mouth's total darkness below the plain skin's grey, in a box that holds it at any jitter.</summary>
    private static double[] MouthSizes(IEnumerable<RgbaFrame> frames)
    {
        var (cx, cy) = SyntheticTalkingClip.MouthCentre;
        var plain = new RgbaFrame(SyntheticTalkingClip.Side, SyntheticTalkingClip.Side);
        SyntheticTalkingClip.Draw(plain, 0.01, 0, 0, 1.0, plainAroundMouth: true);
        var grey = MouthMotionMeterLuma(plain.Pixels, ((((int)cy - 25) * plain.Width) + (int)cx) * 4);
        return [.. frames.Select(frame =>
        {
            double darkness = 0;
            for (var y = (int)cy - 22; y <= (int)cy + 22; y++)
            {
                for (var x = (int)cx - 34; x <= (int)cx + 34; x++)
                {
                    darkness += Math.Max(0, grey - MouthMotionMeterLuma(frame.Pixels, ((y * frame.Width) + x) * 4));
                }
            }

            return darkness;
        })];
    }

    /// <summary>Sum of squared frame-to-frame changes: how much the signal moves.</summary>
    private static double MotionEnergy(double[] signal) => signal.Zip(signal.Skip(1), (a, b) => (b - a) * (b - a)).Sum();

    private static double Correlation(double[] a, double[] b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        var cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }

    /// <summary>Each frame mixed half and half with the previous output: the temporal blur smoothing must not do.</summary>
    private static IEnumerable<RgbaFrame> Blended(IEnumerable<RgbaFrame> frames)
    {
        byte[]? previous = null;
        foreach (var frame in frames)
        {
            if (previous is not null)
            {
                for (var i = 0; i < frame.Pixels.Length; i++)
                {
                    frame.Pixels[i] = (byte)((frame.Pixels[i] + previous[i] + 1) / 2);
                }
            }

            previous = (byte[])frame.Pixels.Clone();
            yield return frame;
        }
    }

    private static int MouthMotionMeterLuma(byte[] pixels, int o) => ((77 * pixels[o]) + (150 * pixels[o + 1]) + (29 * pixels[o + 2])) >> 8;
}
