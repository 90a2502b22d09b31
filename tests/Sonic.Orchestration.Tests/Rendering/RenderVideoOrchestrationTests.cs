using System.Diagnostics;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Sonic.Media.Errors;
using Sonic.Orchestration.Tests.Support;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Orchestration.Tests.Rendering;

[Collection(RenderHostCollection.Name)]
public sealed class RenderVideoOrchestrationTests(RenderHostFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RenderVideo_GoodInputs_CompletesPublishesOneVideoAndKeepsHistorySmall()
    {
        var job = await JobInputs.UploadAsync(fixture.Store, "orch-ok-1", "leo-ok");
        var publishedBefore = fixture.Publisher.PublishCalls;

        var clock = Stopwatch.StartNew();
        var state = await RunAsync(job);
        var seconds = clock.Elapsed.TotalSeconds;

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        var outcome = state.ReadOutputAs<JobOutcome>()!;
        Assert.Equal(JobOutcome.Completed, outcome.Status);
        Assert.Equal("leo-ok.mp4", outcome.FileName);
        Assert.False(outcome.Animator!.IsSonic);
        Assert.Equal(1, fixture.Publisher.PublishCalls - publishedBefore);

        // Exactly one public video for the job, and it is what the outcome says.
        var videos = await ListAsync(ContainerNames.Videos, job.JobId + "/");
        var video = Assert.Single(videos, IsMp4);
        Assert.Equal(3, videos.Count); // the MP4, its poster and its preview page
        Assert.Equal($"{job.JobId}/leo-ok.jpg", Assert.Single(videos, v => v.Ref.Name.EndsWith(".jpg", StringComparison.Ordinal)).Ref.Name);
        Assert.EndsWith("/leo-ok.jpg", outcome.PosterUrl, StringComparison.Ordinal);
        Assert.Equal(outcome.SizeBytes, video.Size);
        var probe = await Ffprobe.ProbeAsync(Path.Combine(fixture.Root, ContainerNames.Videos, video.Ref.Name));
        Assert.Equal(outcome.Width, probe.Video.Width);
        Assert.Equal(outcome.Height, probe.Video.Height);
        Assert.Equal(360, Math.Min(probe.Video.Width, probe.Video.Height));
        Assert.InRange(probe.Format.Duration!.Value, outcome.DurationSeconds!.Value - 0.1, outcome.DurationSeconds.Value + 0.1);
        Assert.InRange(outcome.DurationSeconds.Value, 1.0, 2.6);

        // Where the time went: every stage in order (inference in process: no queue), parts within the job's wall time.
        var timings = outcome.Timings!;
        Assert.Equal(
            [
                JobTimingStages.Validate, JobTimingStages.Preprocess, JobTimingStages.Inference, JobTimingStages.InferenceTransfer,
                JobTimingStages.PostProcess, JobTimingStages.EncodeTransfer, JobTimingStages.Decode, JobTimingStages.Composite,
                JobTimingStages.Post, JobTimingStages.Encode, JobTimingStages.Publish,
            ],
            timings.Select(t => t.Stage));
        Assert.All(timings, t => Assert.True(t.Seconds >= 0, $"{t.Stage}: {t.Seconds}"));
        Assert.True(timings.Single(t => t.Stage == JobTimingStages.Inference).Seconds > 0);
        Assert.True(timings.Sum(t => t.Seconds) <= (state.LastUpdatedAt - state.CreatedAt).TotalSeconds, string.Join(", ", timings));

        // Custom status reached the end.
        var progress = state.ReadCustomStatusAs<JobProgress>()!;
        Assert.Equal(JobStageNames.Completed, progress.Stage);
        Assert.Equal(1.0, progress.Fraction);

        // Every deterministic work artifact is there once.
        var work = (await ListAsync(ContainerNames.Work, job.JobId + "/")).Select(a => a.Ref.Name[(job.JobId.Length + 1)..]).Order().ToArray();
        Assert.Equal(
            new[] { "audio.wav", "audio_16k.wav", "crop.png", "face.json", "features.bin", "frames.mkv", "inference.json", "post.json", "post_report.json", "preprocess.json", "video.mp4", "video.poster.jpg" },
            work);

        // The result file says completed.
        var result = await ReadResultAsync("leo-ok");
        Assert.Equal(JobOutcome.Completed, result.Status);

        // Nothing big went through history: instance input/output/status and every activity payload are small.
        Assert.True(state.SerializedInput!.Length < 1024, state.SerializedInput);
        Assert.True(state.SerializedOutput!.Length < 2048, state.SerializedOutput);
        Assert.True(fixture.Payloads.Largest.Length < 2048, $"largest payload {fixture.Payloads.Largest.Length} chars: {fixture.Payloads.Largest}");
        Assert.True(seconds < 120, $"took {seconds:F1} s"); // a hang guard, not a speed target
    }

    [Fact]
    public async Task RenderVideo_NoFaceInImage_FailsWithNoFaceCodeAndWritesResultKeepingUploads()
    {
        var job = await JobInputs.UploadAsync(fixture.Store, "orch-noface-1", "qq-noface", image: SampleMedia.NoFaceJpegNamedPng);

        var state = await RunAsync(job);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        var error = JobError.FromFailure(state.FailureDetails!.ErrorMessage);
        Assert.Equal(ErrorCodes.NoFaceDetected, error.Code);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);

        var result = await ReadResultAsync("qq-noface");
        Assert.Equal(JobOutcome.Failed, result.Status);
        Assert.Equal(ErrorCodes.NoFaceDetected, result.Error!.Code);

        Assert.NotNull(await fixture.Store.GetInfoAsync(job.Image, CancellationToken.None));
        Assert.NotNull(await fixture.Store.GetInfoAsync(job.Audio!.Value, CancellationToken.None));
        Assert.Empty(await ListAsync(ContainerNames.Videos, job.JobId + "/"));
    }

    [Fact]
    public async Task RenderVideo_MissingAudio_FailsAtOnceWithInputNotFound()
    {
        var image = new ArtifactRef(ContainerNames.Uploads, "lonely.jpg");
        await fixture.Store.UploadFileAsync(image, SampleMedia.Portrait, null, CancellationToken.None);
        var job = new JobRequest("orch-missing-1", image, new ArtifactRef(ContainerNames.Uploads, "lonely.wav"), JobInputs.SmallParameters, "lonely");

        var clock = Stopwatch.StartNew();
        var state = await RunAsync(job);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal(ErrorCodes.InputNotFound, JobError.FromFailure(state.FailureDetails!.ErrorMessage).Code);
        // Not retried: the retry policy's three waits alone add 2 + 4 + 8 = 14 s; a busy CI machine stays far below 10 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(ErrorCodes.InputNotFound, (await ReadResultAsync("lonely")).Error!.Code);
    }

    [Fact]
    public async Task RenderVideo_SameJobRunTwice_LeavesExactlyOneVideoAndSkipsDoneStages()
    {
        var job = await JobInputs.UploadAsync(fixture.Store, "orch-rerun-1", "leo-rerun");
        var first = await RunAsync(job);
        Assert.True(first.RuntimeStatus == OrchestrationRuntimeStatus.Completed, first.FailureDetails?.ToString());
        var frames = await fixture.Store.GetInfoAsync(new JobArtifacts(job.JobId).Frames, CancellationToken.None);

        // The same instance id again, as a duplicate start after the first finished would do.
        await fixture.Host.Client.PurgeInstanceAsync(job.JobId);
        var second = await RunAsync(job);

        Assert.True(second.RuntimeStatus == OrchestrationRuntimeStatus.Completed, second.FailureDetails?.ToString());
        Assert.Single(await ListAsync(ContainerNames.Videos, job.JobId + "/"), IsMp4);
        Assert.Single(await ListAsync(ContainerNames.Work, job.JobId + "/"), IsMp4);
        // Inference found its output and did not run again.
        var framesAgain = await fixture.Store.GetInfoAsync(new JobArtifacts(job.JobId).Frames, CancellationToken.None);
        Assert.Equal(frames!.ETag, framesAgain!.ETag);
        // The same outcome, apart from the time each run took.
        Assert.Equal(first.ReadOutputAs<JobOutcome>()! with { Timings = null }, second.ReadOutputAs<JobOutcome>()! with { Timings = null });
    }

    private static bool IsMp4(ArtifactInfo artifact) => artifact.Ref.Name.EndsWith(".mp4", StringComparison.Ordinal);

    private async Task<OrchestrationMetadata> RunAsync(JobRequest job)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var id = await fixture.Host.Client.ScheduleNewOrchestrationInstanceAsync(
            OrchestrationNames.RenderVideo, job, new StartOrchestrationOptions(job.JobId), timeout.Token);
        return await fixture.Host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    private async Task<List<ArtifactInfo>> ListAsync(string container, string prefix)
    {
        var list = new List<ArtifactInfo>();
        await foreach (var item in fixture.Store.ListAsync(container, prefix, CancellationToken.None))
        {
            list.Add(item);
        }

        return list;
    }

    private async Task<JobOutcome> ReadResultAsync(string stem)
    {
        await using var stream = await fixture.Store.OpenReadAsync(new ArtifactRef(ContainerNames.Results, stem + ".json"), CancellationToken.None);
        return (await JsonSerializer.DeserializeAsync<JobOutcome>(stream))!;
    }
}
