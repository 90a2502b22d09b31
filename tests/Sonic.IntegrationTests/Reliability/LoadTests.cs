using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Orchestration.Client;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Reliability;

/// <summary>
/// Many jobs at once, half through the HTTP API and half dropped into <c>uploads</c>, against two worker processes on
/// one task hub: every job completes once, with one video (and one results entry for a drop), and no work folder
/// belongs to a job nobody asked for. Wall time, job times and each worker's peak memory go to the report.
/// </summary>
public sealed class LoadTests : IAsyncLifetime
{
    private const string Small = """{"min_resolution":256,"output_resolution":360}""";

    private readonly WorkerFixture fixture = WorkerFixture.OnAzurite(new AzuriteFixture());
    private WorkerProcess? second;

    public async Task InitializeAsync()
    {
        await fixture.InitializeAsync();
        var port = FreePort.Next();
        second = WorkerProcess.Start(fixture.WorkerSettings(port));
        await fixture.WaitUntilAnswersAsync(second, port, "readyz", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task JobsAtOnce_AcrossTwoWorkers_EachCompletesOnce_WithOneVideo()
    {
        var jobs = ReliabilityScale.Jobs;
        using var http = fixture.Http;
        var clock = Stopwatch.StartNew();
        var stems = Enumerable.Range(0, jobs / 2).Select(i => Drops.NewStem("load")).ToList();
        var drops = stems.Select(stem => fixture.DropAsync(stem, SampleMedia.Portrait, TestMedia.ShortSpeech, Small));
        var posts = Enumerable.Range(0, jobs - stems.Count).Select(async _ =>
        {
            using var response = await ApiJobs.PostAsync(http, fixture.ApiBase, SampleMedia.Portrait, TestMedia.ShortSpeech, Small);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        }).ToList();
        await Task.WhenAll(drops);
        var posted = await Task.WhenAll(posts);

        var patience = TimeSpan.FromSeconds(120 + (8 * jobs));
        var ended = new List<OrchestrationMetadata>();
        foreach (var stem in stems)
        {
            var job = await fixture.WaitForEndAsync(stem, patience);
            Assert.Single(await fixture.InstancesAsync(stem));
            Assert.NotNull(await fixture.ResultJsonAsync(stem));
            ended.Add(job);
        }

        foreach (var id in posted)
        {
            await ApiJobs.WaitForEndAsync(http, fixture.ApiBase, id, patience, () => fixture.Worker.OutputTail);
            ended.Add((await fixture.Durable.GetInstanceAsync(id, getInputsAndOutputs: true))!);
        }

        var wall = clock.Elapsed;
        foreach (var job in ended)
        {
            Assert.True(job.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{job.InstanceId}: {job.RuntimeStatus}: {OrchestrationFailures.MessageOf(job)}");
            Assert.Single(await fixture.VideosAsync(job.InstanceId));
        }

        // Every work folder belongs to one of these jobs (or is the face cache): no retry or duplicate start left a stray one.
        var ids = ended.Select(j => j.InstanceId).Append(FaceCache.Folder).ToHashSet(StringComparer.Ordinal);
        await foreach (var folder in fixture.Blobs.GetBlobContainerClient("work").GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, CancellationToken.None))
        {
            Assert.True(folder.IsPrefix, $"a loose blob in work: {folder.Blob?.Name}");
            Assert.Contains(folder.Prefix.TrimEnd('/'), ids);
        }

        Assert.False(fixture.Worker.HasExited || second!.HasExited, "a worker stopped");

        // Both processes took work from the shared queues (an activity may run twice, its output never doubles).
        Assert.True(fixture.Worker.VideosEncoded > 0 && second.VideosEncoded > 0, $"encodes: {fixture.Worker.VideosEncoded} and {second.VideosEncoded}");
        Assert.True(fixture.Worker.VideosEncoded + second.VideosEncoded >= jobs);
        var seconds = ended.Select(j => (j.LastUpdatedAt - j.CreatedAt).TotalSeconds).Order().ToList();
        ReliabilityScale.Report(string.Create(CultureInfo.InvariantCulture,
            $"load: {jobs} jobs ({stems.Count} dropped, {posted.Length} over HTTP), 2 workers: all completed once; wall {wall.TotalSeconds:0.0} s; " +
            $"job time p50 {Percentile(seconds, 0.50):0.0} s, p95 {Percentile(seconds, 0.95):0.0} s; " +
            $"peak memory {fixture.Worker.PeakMemoryBytes / 1048576} MB and {second!.PeakMemoryBytes / 1048576} MB"));
    }

    public async Task DisposeAsync()
    {
        second?.Dispose();
        await fixture.DisposeAsync();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}
