using Sonic.Pipeline.Jobs.RemoteInference;

namespace Sonic.Orchestration.Inference;

/// <summary>
/// The wait before the next poll of the inference service: doubling from the first wait up to the longest, but never
/// much past the moment the job should finish. While the service reports progress, the rate since the run was first
/// seen gives an estimate of the time left; the next poll comes just after it (at least 1 s) when that is sooner
/// than the doubling wait, and then the doubling wait does not grow, so an estimate that turns out short costs a few
/// quick polls rather than a long idle. Without this a job that ends just after a poll idles for a whole doubled wait
/// (bench/stages.sh measured 7 s of a 19.5 s job). Pure and deterministic: orchestrator code feeds it orchestration
/// time and activity results, so replays compute the same waits.
/// </summary>
public sealed class PollCadence(TimeSpan first, TimeSpan longest, DateTime submittedAt)
{
    /// <summary>
    /// The shortest wait. Durable timers fire relative to the orchestration's clock, which lags the wall clock by the
    /// episode's dispatch time, so shorter waits turn into bursts of polls.
    /// </summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);

    /// <summary>Past the estimate, so the poll finds the job done rather than just before it.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(0.25);

    private TimeSpan doubling = first;
    private DateTime runSeenAt = submittedAt;
    private double runSeenProgress;

    public TimeSpan Next(DateTime now, string? state, double progress)
    {
        if (state != InferenceJobStates.Running)
        {
            // Queued, resubmitted or unknown: the run has not begun; its rate is measured from the next observation.
            runSeenAt = now;
            runSeenProgress = 0;
            return Doubled();
        }

        if (progress >= 1)
        {
            // Every frame is made; the service is writing its outputs and will report success in a moment.
            return Shortest;
        }

        var elapsed = (now - runSeenAt).TotalSeconds;
        if (progress > runSeenProgress && progress < 1 && elapsed > 0)
        {
            var rate = (progress - runSeenProgress) / elapsed;
            var estimate = TimeSpan.FromSeconds((1 - progress) / rate) + Margin;
            if (estimate < doubling)
            {
                return estimate < Shortest ? Shortest : estimate;
            }
        }

        return Doubled();
    }

    private TimeSpan Doubled()
    {
        var wait = doubling;
        doubling = doubling * 2 > longest ? longest : doubling * 2;
        return wait;
    }
}
