using Microsoft.DurableTask.Client;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Orchestration.Uploads;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Uploads;

[Collection(WorkerCollection.Name)]
public sealed class DuplicateNotificationTests(WorkerFixture fixture)
{
    [Fact]
    public async Task SameUpload_NotifiedFiveTimesConcurrently_AndRescannedAfterRestart_StartsOneJob()
    {
        var stem = Drops.NewStem("dup");
        await fixture.DropAsync(stem, SampleMedia.Portrait, TestMedia.ShortSpeech, """{"min_resolution":256,"output_resolution":360}""");

        // Five notifications at once from this process, racing the worker's own watcher in the other process.
        var notifications = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            fixture.Dispatcher.DispatchAsync(stem + (i % 2 == 0 ? ".jpg" : ".wav"), CancellationToken.None)));
        var jobId = Assert.Single(notifications.Select(n => n.JobId).Distinct());
        Assert.NotNull(jobId);
        Assert.InRange(notifications.Count(n => n.Status == UploadDispatchStatus.Started), 0, 1);
        Assert.All(notifications, n => Assert.Contains(n.Status, new[] { UploadDispatchStatus.Started, UploadDispatchStatus.AlreadyStarted }));

        var first = await fixture.WaitForEndAsync(stem);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);

        // A restarted worker rescans uploads from scratch (empty memory) and a late notification arrives.
        fixture.KillWorker();
        await fixture.StartWorkerAsync();
        var late = await fixture.Dispatcher.DispatchAsync(stem + ".json", CancellationToken.None);
        Assert.Equal(UploadDispatchStatus.AlreadyStarted, late.Status);
        await Task.Delay(TimeSpan.FromSeconds(3)); // several watcher polls

        var instance = Assert.Single(await fixture.InstancesAsync(stem));
        Assert.Equal(jobId, instance.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(first.CreatedAt, instance.CreatedAt); // not restarted under the same id
        Assert.Single(await fixture.VideosAsync(jobId));
    }
}
