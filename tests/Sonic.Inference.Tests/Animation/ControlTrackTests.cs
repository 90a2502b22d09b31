using Sonic.Inference.Animation.Builtin;

namespace Sonic.Inference.Tests.Animation;

public sealed class ControlTrackTests
{
    [Fact]
    public void BlinkSchedule_OneMinute_BlinksEveryTwoToSixSecondsOrAsADoubleBlink()
    {
        var schedule = new BlinkSchedule(new SeededRandom(72589));
        var closure = Enumerable.Range(0, 60 * 25).Select(_ => schedule.Next()).ToArray();

        var starts = Enumerable.Range(1, closure.Length - 1).Where(t => closure[t] > 0 && closure[t - 1] == 0).ToArray();
        var gaps = starts.Zip(starts.Skip(1), (a, b) => (b - a) / 25.0).ToArray();

        Assert.InRange(starts.Length, 10, 32);
        Assert.All(gaps, g => Assert.True((g > 0.25 && g < 0.4) || (g >= 2.0 && g <= 6.05), $"gap {g:F2} s"));
        Assert.Equal(1f, closure.Max());
    }

    [Fact]
    public void SeededRandom_SameSeed_SameSequence_DifferentSeed_DifferentSequence()
    {
        var a = new SeededRandom(5);
        var b = new SeededRandom(5);
        var c = new SeededRandom(6);

        var first = Enumerable.Range(0, 8).Select(_ => a.NextDouble()).ToArray();

        Assert.Equal(first, Enumerable.Range(0, 8).Select(_ => b.NextDouble()));
        Assert.NotEqual(first, Enumerable.Range(0, 8).Select(_ => c.NextDouble()));
        Assert.All(first, v => Assert.InRange(v, 0, 1));
    }
}
