using Sonic.Orchestration.Rendering;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Rendering;

namespace Sonic.Orchestration.Tests.Rendering;

public sealed class JobTimingsTests
{
    private static readonly AnimatorReport Animator = new("builtin", "not Sonic", "CPU", false);

    [Fact]
    public void Inference_RemoteRunWithinTheStage_SplitsQueueAnimationAndTransfer()
    {
        var result = new InferenceResult(250, 256, Animator, Timings: new InferenceTimings(0.2, 4.5, 0.3, QueuedSeconds: 1.25));

        var timings = JobTimings.Inference(result, stageSeconds: 8);

        Assert.Equal(
            [new StageTiming(JobTimingStages.InferenceQueue, 1.25), new StageTiming(JobTimingStages.Inference, 4.5), new StageTiming(JobTimingStages.InferenceTransfer, 0.5)],
            timings);
    }

    [Fact]
    public void Inference_InProcessRun_HasNoQueueWait()
    {
        var result = new InferenceResult(250, 256, Animator, Timings: new InferenceTimings(0.1, 3, 0.2));

        var timings = JobTimings.Inference(result, stageSeconds: 3.6);

        Assert.Equal([JobTimingStages.Inference, JobTimingStages.InferenceTransfer], timings.Select(t => t.Stage));
    }

    [Fact]
    public void Inference_TimingsFromAnEarlierRunLongerThanThisStage_ReportsTheStageWhole()
    {
        // A re-run found inference.json: its figures describe the first run, not the 0.4 s this one took.
        var result = new InferenceResult(250, 256, Animator, Timings: new InferenceTimings(0.2, 4.5, 0.3));

        var timings = JobTimings.Inference(result, stageSeconds: 0.4);

        Assert.Equal([new StageTiming(JobTimingStages.Inference, 0.4)], timings);
    }

    [Fact]
    public void Encode_VideoFoundFromEarlierRun_ReportsTheStageWhole()
    {
        var measured = new EncodedVideo(10, 1000, 360, 360, 250, Timings: [new StageTiming(JobTimingStages.EncodeTransfer, 0.5), new StageTiming(JobTimingStages.Encode, 2)]);
        var found = new EncodedVideo(10, 1000, 360, 360, 250);

        Assert.Equal(measured.Timings, JobTimings.Encode(measured, stageSeconds: 3));
        Assert.Equal([new StageTiming(JobTimingStages.Encode, 0.123)], JobTimings.Encode(found, stageSeconds: 0.1234));
    }
}
