using Sonic.Orchestration.Inference;
using Sonic.Pipeline.Jobs.RemoteInference;

namespace Sonic.Orchestration.Tests.Rendering;

public sealed class PollCadenceTests
{
    private static readonly DateTime Submitted = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Next_WithoutProgress_DoublesUpToTheLongestWait()
    {
        var cadence = new PollCadence(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15), Submitted);

        var waits = Enumerable.Range(0, 6).Select(i => cadence.Next(Submitted.AddSeconds(i), InferenceJobStates.Queued, 0).TotalSeconds).ToList();

        Assert.Equal([2, 4, 8, 15, 15, 15], waits);
    }

    [Fact]
    public void Next_RunningWithSteadyProgress_PollsJustAfterThePredictedFinish()
    {
        // Seen running at 0 % when submitted; 10 % per second from then on.
        var cadence = new PollCadence(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15), Submitted);

        // At 2 s, 20 %: 8 s remain, more than the 2 s doubling wait.
        Assert.Equal(2, cadence.Next(Submitted.AddSeconds(2), InferenceJobStates.Running, 0.2).TotalSeconds);

        // At 4 s, 40 %: 6 s remain, more than the 4 s doubling wait.
        Assert.Equal(4, cadence.Next(Submitted.AddSeconds(4), InferenceJobStates.Running, 0.4).TotalSeconds);

        // At 8 s, 80 %: 2 s remain, sooner than the 8 s doubling wait — poll 0.25 s after the predicted finish.
        Assert.Equal(2.25, cadence.Next(Submitted.AddSeconds(8), InferenceJobStates.Running, 0.8).TotalSeconds, 6);
    }

    [Fact]
    public void Next_AfterAnEstimateThatWasShort_DoesNotFallBackToALongerWait()
    {
        var cadence = new PollCadence(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15), Submitted);
        cadence.Next(Submitted.AddSeconds(2), InferenceJobStates.Running, 0.2);
        cadence.Next(Submitted.AddSeconds(4), InferenceJobStates.Running, 0.4);
        cadence.Next(Submitted.AddSeconds(8), InferenceJobStates.Running, 0.8);

        // The last 20 % is slower than predicted (still 80 % at 10.25 s): the next wait comes from the whole run's
        // rate, or at worst the 8 s doubling wait it had reached — never a grown one.
        var wait = cadence.Next(Submitted.AddSeconds(10.25), InferenceJobStates.Running, 0.8);

        Assert.True(wait <= TimeSpan.FromSeconds(8), $"waited {wait.TotalSeconds} s");
    }

    [Fact]
    public void Next_AllFramesMadeButStillRunning_PollsAgainSoon()
    {
        var cadence = new PollCadence(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15), Submitted);

        var wait = cadence.Next(Submitted.AddSeconds(10), InferenceJobStates.Running, 1.0);

        Assert.Equal(PollCadence.Shortest, wait);
    }

    [Fact]
    public void Next_AlmostDone_WaitsAtLeastTheShortestWait()
    {
        var cadence = new PollCadence(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(15), Submitted);

        var wait = cadence.Next(Submitted.AddSeconds(10), InferenceJobStates.Running, 0.999);

        Assert.Equal(PollCadence.Shortest, wait);
    }

    [Fact]
    public void Next_ProgressMeasuredFromWhenTheRunBegan_NotFromTheQueue()
    {
        var cadence = new PollCadence(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), Submitted);
        cadence.Next(Submitted.AddSeconds(2), InferenceJobStates.Queued, 0);
        cadence.Next(Submitted.AddSeconds(4), InferenceJobStates.Queued, 0);

        // Queued until 4 s, then 50 % by 12 s: 8 s remain (not the 12 s that counting the queue would predict).
        var wait = cadence.Next(Submitted.AddSeconds(12), InferenceJobStates.Running, 0.5);

        Assert.Equal(8.25, wait.TotalSeconds, 6);
    }
}
