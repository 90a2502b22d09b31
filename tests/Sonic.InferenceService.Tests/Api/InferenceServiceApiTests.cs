using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sonic.InferenceService.Tests.Support;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.InferenceService.Tests.Api;

/// <summary>The HTTP contract, against the real service on a loopback port over real preprocessed inputs.</summary>
public sealed class InferenceServiceApiTests(PreparedInputs inputs) : IClassFixture<PreparedInputs>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PostJob_SameIdTwice_RunsOnceThroughQueuedRunningSucceededAndWritesFramesAndMetadata()
    {
        await using var service = await ServiceInstance.StartAsync(inputs.Root);
        using var http = inputs.NewClient(service.BaseUri);
        await inputs.PreprocessedJobAsync("api-life-1");
        var submission = new InferenceJobSubmission("api-life-1", PreparedInputs.Parameters);

        using var first = await http.PostAsJsonAsync("v1/jobs", submission);
        using var second = await http.PostAsJsonAsync("v1/jobs", submission);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<InferenceJobStatus>())!;
        Assert.Contains(created.State, new[] { InferenceJobStates.Queued, InferenceJobStates.Running });
        Assert.Null(created.RunSeconds);
        Assert.Equal(InferenceModels.Builtin, created.Model); // no Sonic folder configured: the default is builtin
        Assert.Equal(["work/api-life-1/crop.png", "work/api-life-1/face.json", "work/api-life-1/features.bin"], created.Inputs.Select(i => "work/" + i));
        Assert.Equal("api-life-1", (await second.Content.ReadFromJsonAsync<InferenceJobStatus>())!.JobId);

        var seen = new List<string>();
        var done = await WaitFinishedAsync(http, "api-life-1", seen);
        Assert.Equal(InferenceJobStates.Succeeded, done.State);
        Assert.Equal(1.0, done.Progress);
        Assert.Equal(["api-life-1/frames.mkv", "api-life-1/inference.json"], done.Outputs);
        Assert.Equal(seen.Distinct().ToList(), seen.Distinct().Order(Comparer<string>.Create((a, b) => Rank(a) - Rank(b))).ToList());

        // A POST after success returns the finished job; it does not animate again.
        var framesWritten = File.GetLastWriteTimeUtc(FramesPath("api-life-1"));
        using var third = await http.PostAsJsonAsync("v1/jobs", submission);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(InferenceJobStates.Succeeded, (await third.Content.ReadFromJsonAsync<InferenceJobStatus>())!.State);
        Assert.Equal(1, service.Queue.Find("api-life-1")!.Attempts);

        // The metadata says what ran and how long it took; the archive has exactly that many frames.
        var metadata = await inputs.Store.ReadJsonAsync<InferenceResult>(new JobArtifacts("api-life-1").Inference, CancellationToken.None);
        Assert.Equal("CPU", metadata.Animator.ExecutionProvider);
        Assert.Equal(InferenceModels.Builtin, metadata.Animator.Name);
        Assert.False(metadata.Animator.IsSonic);
        Assert.Equal(25, metadata.Fps);
        Assert.NotNull(metadata.Crop);
        Assert.True(metadata.Timings!.AnimateSeconds > 0);
        // The status's times: a queue wait measured, and a run at least as long as the animation inside it.
        Assert.InRange(done.QueuedSeconds!.Value, 0, 30);
        Assert.True(done.RunSeconds >= metadata.Timings.AnimateSeconds, $"run {done.RunSeconds} s < animate {metadata.Timings.AnimateSeconds} s");
        var preprocess = await inputs.Store.ReadJsonAsync<PreprocessResult>(new JobArtifacts("api-life-1").Preprocess, CancellationToken.None);
        Assert.Equal(preprocess.FrameCount, metadata.FrameCount);
        var probe = await Ffprobe.ProbeAsync(FramesPath("api-life-1"));
        Assert.Equal(metadata.FrameSide, probe.Video.Width);
        Assert.InRange(probe.Format.Duration!.Value, (metadata.FrameCount - 1) / 25.0, (metadata.FrameCount + 1) / 25.0);
        Assert.Equal(framesWritten, File.GetLastWriteTimeUtc(FramesPath("api-life-1")));
    }

    [Fact]
    public async Task GetAndPost_UnknownJobOrMissingInputsOrBadModel_AnswerWithCodes()
    {
        await using var service = await ServiceInstance.StartAsync(inputs.Root);
        using var http = inputs.NewClient(service.BaseUri);

        using var unknown = await http.GetAsync(new Uri("v1/jobs/never-submitted", UriKind.Relative));
        using var missing = await http.PostAsJsonAsync("v1/jobs", new InferenceJobSubmission("api-missing-1", PreparedInputs.Parameters));
        await inputs.PreprocessedJobAsync("api-model-1");
        using var model = await http.PostAsJsonAsync("v1/jobs", new InferenceJobSubmission("api-model-1", PreparedInputs.Parameters, "sonic-xl"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(InferenceServiceErrorCodes.UnknownJob, (await unknown.Content.ReadFromJsonAsync<JobError>())!.Code);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal(InferenceServiceErrorCodes.InputsMissing, (await missing.Content.ReadFromJsonAsync<JobError>())!.Code);
        Assert.Equal(HttpStatusCode.BadRequest, model.StatusCode);
        Assert.Equal(InferenceServiceErrorCodes.UnknownModel, (await model.Content.ReadFromJsonAsync<JobError>())!.Code);
        Assert.Null(service.Queue.Find("api-model-1"));
    }

    [Fact]
    public async Task PostJob_OneRunningAndQueueOfOneFull_Returns429WithRetryAfter()
    {
        await using var service = await ServiceInstance.StartAsync(inputs.Root, new Dictionary<string, string?>
        {
            ["Sonic:InferenceServer:MaxConcurrentJobs"] = "1",
            ["Sonic:InferenceServer:QueueCapacity"] = "1",
            ["Sonic:InferenceServer:RetryAfterSeconds"] = "7",
        });
        using var http = inputs.NewClient(service.BaseUri);

        // The first job must still run when the third arrives; on a loaded machine it may finish first, so the whole
        // round is tried up to three times with fresh ids (each round waits for its jobs, leaving the queue empty).
        var firstStillRunning = false;
        var round = 0;
        while (!firstStillRunning && round++ < 3)
        {
            var ids = new[] { $"api-q{round}-1", $"api-q{round}-2", $"api-q{round}-3" };
            foreach (var id in ids)
            {
                await inputs.PreprocessedJobAsync(id);
            }

            // Wait until the first job is running, so the second one is the single queued job.
            using var a = await http.PostAsJsonAsync("v1/jobs", new InferenceJobSubmission(ids[0], PreparedInputs.Parameters));
            await WaitStateAsync(http, ids[0], s => s != InferenceJobStates.Queued);
            using var b = await http.PostAsJsonAsync("v1/jobs", new InferenceJobSubmission(ids[1], PreparedInputs.Parameters));
            using var c = await http.PostAsJsonAsync("v1/jobs", new InferenceJobSubmission(ids[2], PreparedInputs.Parameters));
            firstStillRunning = (await GetAsync(http, ids[0])).State == InferenceJobStates.Running;

            Assert.Equal(HttpStatusCode.Accepted, a.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, b.StatusCode);
            if (firstStillRunning)
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, c.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(7), c.Headers.RetryAfter!.Delta);
                Assert.Equal(InferenceServiceErrorCodes.QueueFull, (await c.Content.ReadFromJsonAsync<JobError>())!.Code);
                Assert.Null(service.Queue.Find(ids[2]));

                // The second job waited for the first one's run to end: its queue time is real, not a placeholder.
                var second = await WaitFinishedAsync(http, ids[1]);
                Assert.Equal(InferenceJobStates.Succeeded, second.State);
                var first = await GetAsync(http, ids[0]);
                Assert.True(second.QueuedSeconds > 0, $"queued {second.QueuedSeconds} s behind a {first.RunSeconds} s run");
            }
            else
            {
                foreach (var id in ids.Where(id => service.Queue.Find(id) is not null))
                {
                    await WaitFinishedAsync(http, id);
                }
            }
        }

        Assert.True(firstStillRunning, "in three rounds the first job finished before the queue could be filled; the 429 was not exercised");
    }

    [Fact]
    public async Task ApiKey_WhenConfigured_GuardsV1ButNotTheProbes()
    {
        await using var service = await ServiceInstance.StartAsync(inputs.Root, new Dictionary<string, string?> { ["Sonic:InferenceServer:ApiKey"] = "s3cret" });
        using var http = inputs.NewClient(service.BaseUri);

        using var none = await http.GetAsync(new Uri("v1/info", UriKind.Relative));
        using var wrongRequest = new HttpRequestMessage(HttpMethod.Get, "v1/info") { Headers = { { "x-api-key", "guess" } } };
        using var wrong = await http.SendAsync(wrongRequest);
        using var rightRequest = new HttpRequestMessage(HttpMethod.Get, "v1/info") { Headers = { { "x-api-key", "s3cret" } } };
        using var right = await http.SendAsync(rightRequest);
        using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(InferenceServiceErrorCodes.Unauthorized, (await none.Content.ReadFromJsonAsync<JobError>())!.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ReadyzAndInfo_OnThisCpuMachine_ReadyAfterWarmUpAndSayCpuAndBuiltin()
    {
        await using var service = await ServiceInstance.StartAsync(inputs.Root);
        using var http = inputs.NewClient(service.BaseUri);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode ready;
        do
        {
            using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative));
            ready = response.StatusCode;
            if (ready != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
                await Task.Delay(100);
            }
        }
        while (ready != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        var info = (await http.GetFromJsonAsync<InferenceServiceInfo>("v1/info"))!;

        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal("CPU", info.ExecutionProvider);
        Assert.Equal(Sonic.InferenceService.Devices.DeviceName.Describe("CPU"), info.Device);
        Assert.EndsWith($", {Environment.ProcessorCount} cores", info.Device, StringComparison.Ordinal);
        var model = Assert.Single(info.Models);
        Assert.Equal(InferenceModels.Builtin, model.Name);
        Assert.False(model.IsSonic);
        Assert.Equal(InferenceModels.Builtin, info.DefaultModel);
        Assert.Matches(@"^\d+\.\d+", info.Versions["onnxruntime"]);
        Assert.Equal(1, info.MaxConcurrentJobs);
    }

    private string FramesPath(string jobId) => Path.Combine(inputs.Root, ContainerNames.Work, jobId, JobArtifacts.FramesName);

    private static int Rank(string state) => state switch
    {
        InferenceJobStates.Queued => 0,
        InferenceJobStates.Running => 1,
        _ => 2,
    };

    private static async Task<InferenceJobStatus> GetAsync(HttpClient http, string jobId)
        => (await http.GetFromJsonAsync<InferenceJobStatus>($"v1/jobs/{jobId}"))!;

    private static Task<InferenceJobStatus> WaitFinishedAsync(HttpClient http, string jobId, List<string>? seen = null)
        => WaitStateAsync(http, jobId, InferenceJobStates.IsFinished, seen);

    private static async Task<InferenceJobStatus> WaitStateAsync(HttpClient http, string jobId, Func<string, bool> until, List<string>? seen = null)
    {
        var deadline = DateTime.UtcNow + JobTimeout;
        while (true)
        {
            var status = await GetAsync(http, jobId);
            seen?.Add(status.State);
            if (until(status.State))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} still {status.State} after {JobTimeout}: {JsonSerializer.Serialize(status)}");
            await Task.Delay(50);
        }
    }
}
