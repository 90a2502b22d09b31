using Sonic.Pipeline.Jobs.RemoteInference;

namespace Sonic.Orchestration.Inference;

/// <summary>
/// The wait before the next poll of the inference service: doubling from the first wait up to the longest, but never
/// much past the moment the job should finish. While the service reports progress, the rate since submission (or the
/// previous poll) gives an estimate of the time left; the next poll comes just after it (at least 0.5 s), or at the
/// doubling wait if that is sooner. Without this a job that ends just after a poll idles for a whole doubled wait
/// (bench/stages.sh measured 7 s of a 19.5 s job). Pure and deterministic: orchestrator code feeds it orchestration
/// time and activity results, so replays compute the same waits.
/// </summary>
public sealed class PollCadence(TimeSpan first, TimeSpan longest, DateTime submittedAt)
{
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(0.5);

    /// <summary>Past the estimate, so the poll finds the job done rather than just before it.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(0.25);

    private TimeSpan doubling = first;
    private DateTime seenAt = submittedAt;
    private double seenProgress;

    public TimeSpan Next(DateTime now, string? state, double progress)
    {
        var wait = doubling;
        doubling = doubling * 2 > longest ? longest : doubling * 2;
        if (state != InferenceJobStates.Running)
        {
            // Queued (or resubmitted): the run has not begun; measure its rate from the next observation on.
            seenAt = now;
            seenProgress = 0;
            return wait;
        }

        var elapsed = (now - seenAt).TotalSeconds;
        if (progress > seenProgress && progress < 1 && elapsed > 0)
        {
            var rate = (progress - seenProgress) / elapsed;
            var estimate = TimeSpan.FromSeconds((1 - progress) / rate) + Margin;
            if (estimate < wait)
            {
                wait = estimate < Shortest ? Shortest : estimate;
            }
        }

        seenAt = now;
        seenProgress = progress;
        return wait;
    }
}
