using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask.Client;
using Sonic.InferenceService.Tests.Support;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.InferenceService.Tests.Faults;

/// <summary>
/// The real orchestration calling the real service over HTTP through <see cref="FaultProxy"/>: injected 500s, 503s
/// and slow answers, and a service restart that forgets its jobs, must still end in one completed job with one video;
/// a service that never answers must fail the job with <c>inference_unavailable</c> within the configured budget.
/// </summary>
public sealed class RemoteInferenceFaultTests(PreparedInputs inputs) : IClassFixture<PreparedInputs>
{
    /// <summary>Short polls and client timeouts so faults cost seconds, not minutes.</summary>
    private static readonly Dictionary<string, string?> QuickClient = new()
    {
        ["PollInitial"] = "00:00:00.2",
        ["PollMax"] = "00:00:01",
        ["AttemptTimeout"] = "00:00:01",
        ["RequestTimeout"] = "00:00:04",
        ["RetryDelay"] = "00:00:00.1",
    };

    [Fact]
    public async Task RenderVideo_ServiceFaultsAndRestartMidJob_CompletesOnceWithOneVideo()
    {
        await using var proxy = await FaultProxy.StartAsync();
        var service = await ServiceInstance.StartAsync(inputs.Root);
        proxy.Upstream = service.BaseUri;
        // Requests 1–2: 503 (the first submit is retried inside the client), 4: 500, 6: slower than the attempt timeout.
        proxy.Plan = request => request.Number switch
        {
            1 or 2 => ProxyFault.Fail(HttpStatusCode.ServiceUnavailable),
            4 => ProxyFault.Fail(HttpStatusCode.InternalServerError),
            6 => ProxyFault.Slow(TimeSpan.FromSeconds(1.5)),
            _ => ProxyFault.None,
        };
        await using var host = await RenderHost.StartAsync(inputs.Root, proxy.BaseUri, new Dictionary<string, string?>(QuickClient) { ["OverallTimeout"] = "00:01:30" });
        var job = await inputs.PreprocessedJobAsync("fault-restart-1", resultStem: "fault-restart");
        var clock = Stopwatch.StartNew();
        var run = RenderHost.RunAsync(host, job, TimeSpan.FromSeconds(90));

        // Restart the service while it is animating this job: the new process has never heard of it.
        await WaitUntilAsync(() => service.Queue.Find(job.JobId)?.ToStatus().State == InferenceJobStates.Running, TimeSpan.FromSeconds(30));
        proxy.Upstream = null;
        await service.DisposeAsync();
        service = await ServiceInstance.StartAsync(inputs.Root);
        proxy.Upstream = service.BaseUri;
        await using var restarted = service;
        var state = await run;

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        var outcome = state.ReadOutputAs<JobOutcome>()!;
        Assert.Equal(JobOutcome.Completed, outcome.Status);
        Assert.True(proxy.FaultsInjected >= 4, $"only {proxy.FaultsInjected} faults were injected");
        // The restarted service got the job again from the orchestrator (404 unknown_job → submit) and finished it.
        Assert.Contains(proxy.Log, line => line.StartsWith("GET /v1/jobs/fault-restart-1 404", StringComparison.Ordinal));
        Assert.Equal(InferenceJobStates.Succeeded, restarted.Queue.Find(job.JobId)!.ToStatus().State);
        // Exactly one video, and it is a real one of the speech's length.
        var videos = Directory.GetFiles(Path.Combine(inputs.Root, ContainerNames.Videos, job.JobId), "*.mp4");
        var video = Assert.Single(videos);
        var probe = await Ffprobe.ProbeAsync(video);
        var inference = await inputs.Store.ReadJsonAsync<InferenceResult>(new JobArtifacts(job.JobId).Inference, CancellationToken.None);
        Assert.InRange(probe.Format.Duration!.Value, (inference.FrameCount - 2) / 25.0, (inference.FrameCount + 2) / 25.0);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task RenderVideo_ServiceNeverAnswers_FailsWithInferenceUnavailableWithinBudget()
    {
        var deadPort = ClosedLoopbackPort();
        var budget = TimeSpan.FromSeconds(3);
        await using var host = await RenderHost.StartAsync(
            inputs.Root, new Uri($"http://127.0.0.1:{deadPort}/"), new Dictionary<string, string?>(QuickClient) { ["OverallTimeout"] = "00:00:03" });
        var job = await inputs.PreprocessedJobAsync("fault-dead-1", resultStem: "fault-dead");
        var clock = Stopwatch.StartNew();

        var state = await RenderHost.RunAsync(host, job, TimeSpan.FromSeconds(60));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        var error = JobError.FromFailure(state.FailureDetails!.ErrorMessage);
        Assert.Equal(InferenceServiceErrorCodes.InferenceUnavailable, error.Code);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
        // Within the budget plus at most one client call (4 s) and the stages before inference. No lower bound: the
        // orchestrator gives up as soon as its next back-off would pass the deadline, which can be a little early.
        Assert.True(clock.Elapsed <= budget + TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.False(Directory.Exists(Path.Combine(inputs.Root, ContainerNames.Videos, job.JobId)));
        var result = await inputs.Store.ReadJsonAsync<JobOutcome>(new ArtifactRef(ContainerNames.Results, "fault-dead.json"), CancellationToken.None);
        Assert.Equal(InferenceServiceErrorCodes.InferenceUnavailable, result.Error!.Code);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < timeout, "the condition did not come true in time");
            await Task.Delay(20);
        }
    }

    /// <summary>A loopback port nothing listens on (taken and released at once): connections are refused.</summary>
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
