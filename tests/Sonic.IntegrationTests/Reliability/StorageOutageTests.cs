using System.Net;
using Microsoft.DurableTask.Client;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Orchestration.Client;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Reliability;

/// <summary>
/// Storage goes away for 30 s in the middle of a job and comes back with its data (Azurite stopped and started on the
/// same folder): the job completes with one video, the drop's files stay, and the same worker process carries on
/// without a restart, unready during the outage and ready after it. Before the worker replaced its engine after an
/// outage (ReleaseWatchingService) this job waited forever.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    private readonly string folder = TestPaths.NewTempFolder("sonic-azurite");
    private WorkerFixture fixture = null!;

    public async Task InitializeAsync()
    {
        fixture = WorkerFixture.OnAzurite(AzuriteFixture.InFolder(folder));
        await fixture.InitializeAsync();
    }

    [Fact]
    public async Task StorageDown30sMidJob_JobEndsCleanly_UploadsStay_AndTheSameWorkerServesOn()
    {
        var stem = Drops.NewStem("outage");
        await fixture.DropAsync(stem, SampleMedia.Portrait, TestMedia.LongSpeech, """{"min_resolution":512,"output_resolution":512}""");
        var running = await fixture.WaitForAsync(
            stem,
            i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running && i.SerializedCustomStatus is { } s && !s.Contains("\"validate\"", StringComparison.Ordinal),
            "the job to pass validation");

        using var http = fixture.Http;
        http.Timeout = TimeSpan.FromSeconds(20);
        fixture.Azurite.Stop();
        await Task.Delay(Outage / 2);
        using (var live = await http.GetAsync(new Uri(fixture.ApiBase, "healthz")))
        using (var ready = await http.GetAsync(new Uri(fixture.ApiBase, "readyz")))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        await Task.Delay(Outage / 2);
        Assert.False(fixture.Worker.HasExited, "the worker died with the storage:\n" + fixture.Worker.OutputTail);
        fixture.Azurite.Start();
        var back = System.Diagnostics.Stopwatch.StartNew();

        // 30 s is well within the retries: the job must not fail, let alone hang.
        var ended = await fixture.WaitForEndAsync(stem, TimeSpan.FromSeconds(240));
        Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{ended.RuntimeStatus}: {OrchestrationFailures.MessageOf(ended)}\n{fixture.Worker.OutputTail}");
        Assert.Single(await fixture.VideosAsync(running.InstanceId));
        Assert.Single(await fixture.InstancesAsync(stem));
        var uploads = fixture.Blobs.GetBlobContainerClient("uploads");
        foreach (var extension in new[] { ".jpg", ".wav", ".json" })
        {
            Assert.True(await uploads.GetBlobClient(stem + extension).ExistsAsync(), $"{stem}{extension} was lost");
        }

        // The same process, never restarted: ready again and rendering the next job.
        Assert.False(fixture.Worker.HasExited, fixture.Worker.OutputTail);
        await Eventually.ReturnsAsync(
            async () => (await http.GetAsync(new Uri(fixture.ApiBase, "readyz"))).StatusCode == HttpStatusCode.OK ? "ready" : null,
            TimeSpan.FromSeconds(60),
            "the worker to be ready again",
            () => fixture.Worker.OutputTail);
        var recovered = back.Elapsed.TotalSeconds;
        var after = Drops.NewStem("after");
        await fixture.DropAsync(after, SampleMedia.Portrait, TestMedia.ShortSpeech, """{"min_resolution":256,"output_resolution":360}""");
        var next = await fixture.WaitForEndAsync(after);
        Assert.True(next.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{next.RuntimeStatus}: {OrchestrationFailures.MessageOf(next)}\n{fixture.Worker.OutputTail}");
        ReliabilityScale.Report(FormattableString.Invariant(
            $"storage outage of {Outage.TotalSeconds:0} s mid-job: the job completed with one video and its uploads kept, the same worker process (never restarted) was ready again with the job done {recovered:0.0} s after storage returned, and rendered the next job"));
    }

    public async Task DisposeAsync()
    {
        await fixture.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
