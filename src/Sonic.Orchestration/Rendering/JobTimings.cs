using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Rendering;

namespace Sonic.Orchestration.Rendering;

/// <summary>
/// Builds <see cref="JobOutcome.Timings"/> from the orchestration's own view of each stage (seconds between
/// <see cref="Microsoft.DurableTask.TaskOrchestrationContext.CurrentUtcDateTime"/> readings, deterministic on replay)
/// and the parts the inference and encode stages measured themselves. Parts from an earlier run (a re-run finds
/// <c>inference.json</c>) would add up to more than this run's stage took; then the stage is reported whole.
/// </summary>
public static class JobTimings
{
    public static StageTiming Whole(string stage, double stageSeconds) => new(stage, Round(stageSeconds));

    /// <summary>Queue wait (remote only), animation and storage transfer; or the whole stage when they are not known.</summary>
    public static IReadOnlyList<StageTiming> Inference(InferenceResult inference, double stageSeconds)
    {
        ArgumentNullException.ThrowIfNull(inference);
        if (inference.Timings is not { } t)
        {
            return [Whole(JobTimingStages.Inference, stageSeconds)];
        }

        List<StageTiming> parts = [];
        if (t.QueuedSeconds is { } queued)
        {
            parts.Add(new StageTiming(JobTimingStages.InferenceQueue, Round(queued)));
        }

        parts.Add(new StageTiming(JobTimingStages.Inference, Round(t.AnimateSeconds)));
        parts.Add(new StageTiming(JobTimingStages.InferenceTransfer, Round(t.ReadInputsSeconds + t.UploadSeconds)));
        return Within(parts, JobTimingStages.Inference, stageSeconds);
    }

    /// <summary>Transfer, decode, composite, post and encode; or the whole stage when the video was found from an earlier run.</summary>
    public static IReadOnlyList<StageTiming> Encode(EncodedVideo video, double stageSeconds)
    {
        ArgumentNullException.ThrowIfNull(video);
        return video.Timings is { Count: > 0 } parts ? Within(parts, JobTimingStages.Encode, stageSeconds) : [Whole(JobTimingStages.Encode, stageSeconds)];
    }

    private static IReadOnlyList<StageTiming> Within(IReadOnlyList<StageTiming> parts, string stage, double stageSeconds)
        => parts.Sum(p => p.Seconds) <= stageSeconds ? parts : [Whole(stage, stageSeconds)];

    private static double Round(double seconds) => Math.Round(Math.Max(0, seconds), 3);
}
