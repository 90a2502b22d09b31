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
    public void Process_TalkingClip_KeepsTheMouthMotion()
    {
        var loudness = SyntheticTalkingClip.Loudness.Take(Frames).ToArray();
        var random = new Random(3);
        var shifts = Enumerable.Range(0, Frames).Select(_ => ((random.NextDouble() * 4) - 2, (random.NextDouble() * 4) - 2)).ToArray();

        var clean = Energy(SyntheticTalkingClip.Frames(loudness));
        var smoothedClean = Energy(Smoothed(SyntheticTalkingClip.Frames(loudness)));
        var smoothedJittered = Energy(Smoothed(SyntheticTalkingClip.Frames(loudness, jitter: i => shifts[i])));

        Assert.True(smoothedClean >= 0.9 * clean, $"mouth energy {clean:F1} → {smoothedClean:F1}");
        Assert.True(smoothedJittered >= 0.9 * clean, $"mouth energy {clean:F1} → {smoothedJittered:F1} (jittered input)");
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

    private static double Energy(IEnumerable<RgbaFrame> frames)
    {
        var meter = new MouthMotionMeter(SyntheticTalkingClip.Mouth);
        foreach (var frame in frames)
        {
            meter.Add(frame);
        }

        return meter.Motion.Sum(m => m * m);
    }

    private static int MouthMotionMeterLuma(byte[] pixels, int o) => ((77 * pixels[o]) + (150 * pixels[o + 1]) + (29 * pixels[o + 2])) >> 8;
}
