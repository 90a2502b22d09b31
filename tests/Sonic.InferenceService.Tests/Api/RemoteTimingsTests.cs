using Microsoft.DurableTask.Client;
using Sonic.InferenceService.Tests.Support;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;

namespace Sonic.InferenceService.Tests.Api;

/// <summary>The job's <c>timings</c> through the real orchestration and the real service over HTTP.</summary>
public sealed class RemoteTimingsTests(PreparedInputs inputs) : IClassFixture<PreparedInputs>
{
    [Fact]
    public async Task RenderVideo_RemoteInference_OutcomeTimingsSplitQueueAnimationAndTransferAsTheServiceMeasured()
    {
        await using var service = await ServiceInstance.StartAsync(inputs.Root);
        await using var host = await RenderHost.StartAsync(
            inputs.Root, service.BaseUri, new Dictionary<string, string?> { ["PollInitial"] = "00:00:00.2", ["PollMax"] = "00:00:01" });
        var job = await inputs.PreprocessedJobAsync("timings-remote-1");

        var state = await RenderHost.RunAsync(host, job, TimeSpan.FromSeconds(90));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        var timings = state.ReadOutputAs<JobOutcome>()!.Timings!;
        Assert.Equal(
            [
                JobTimingStages.Validate, JobTimingStages.Preprocess, JobTimingStages.InferenceQueue, JobTimingStages.Inference,
                JobTimingStages.InferenceTransfer, JobTimingStages.PostProcess, JobTimingStages.EncodeTransfer, JobTimingStages.Decode,
                JobTimingStages.Composite, JobTimingStages.Post, JobTimingStages.Encode, JobTimingStages.Publish,
            ],
            timings.Select(t => t.Stage));
        Assert.All(timings, t => Assert.True(t.Seconds >= 0, $"{t.Stage}: {t.Seconds}"));

        // Queue wait and animation are the service's own figures (status and inference.json), not the polling window.
        var status = service.Queue.Find(job.JobId)!.ToStatus();
        Assert.Equal(InferenceJobStates.Succeeded, status.State);
        var metadata = await inputs.Store.ReadJsonAsync<InferenceResult>(new JobArtifacts(job.JobId).Inference, CancellationToken.None);
        Assert.Equal(status.QueuedSeconds, Seconds(JobTimingStages.InferenceQueue));
        Assert.Equal(metadata.Timings!.AnimateSeconds, Seconds(JobTimingStages.Inference));
        Assert.True(Seconds(JobTimingStages.Encode) > 0);

        // The parts never add up to more than the job took.
        var wall = (state.LastUpdatedAt - state.CreatedAt).TotalSeconds;
        Assert.True(timings.Sum(t => t.Seconds) <= wall, $"{timings.Sum(t => t.Seconds):F3} s of parts in a {wall:F3} s job");

        double Seconds(string stage) => Assert.Single(timings, t => t.Stage == stage).Seconds;
    }
}
