using Microsoft.DurableTask.Client;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Orchestration.Client;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Resilience;

[Collection(WorkerCollection.Name)]
public sealed class SharedTaskHubTests(WorkerFixture fixture)
{
    [Fact]
    public async Task SecondWorkerProcess_OnTheSameTaskHub_RunsBesideTheFirst_AndJobsCompleteOnce()
    {
        // A second process on the same storage and task hub, with its own ports (and its own upload watcher).
        using var second = WorkerProcess.Start(fixture.WorkerSettings(FreePort.Next()));

        var stems = new[] { Drops.NewStem("twin"), Drops.NewStem("twin") };
        foreach (var stem in stems)
        {
            await fixture.DropAsync(stem, SampleMedia.Portrait, TestMedia.ShortSpeech, """{"min_resolution":256,"output_resolution":360}""");
        }

        foreach (var stem in stems)
        {
            var job = await fixture.WaitForEndAsync(stem);
            Assert.True(job.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{job.RuntimeStatus}: {OrchestrationFailures.MessageOf(job)}\n{second.OutputTail}");
            Assert.Single(await fixture.InstancesAsync(stem));
            Assert.Single(await fixture.VideosAsync(job.InstanceId));
        }

        Assert.False(second.HasExited, "the second worker stopped:\n" + second.OutputTail);
    }
}
