using System.Net;
using Microsoft.DurableTask.Client;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Resilience;

[Collection(WorkerCollection.Name)]
public sealed class InterruptedJobTests(WorkerFixture fixture)
{
    // Ten seconds of speech at a larger size: long enough to catch the job in the middle.
    private const string LongerRender = """{"min_resolution":512,"output_resolution":512}""";

    [Fact]
    public async Task RunningJob_CancelledThroughTheApi_EndsTerminated_WithoutVideo()
    {
        var stem = Drops.NewStem("cancel");
        await fixture.DropAsync(stem, SampleMedia.Portrait, TestMedia.LongSpeech, LongerRender);
        var running = await fixture.WaitForAsync(stem, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running, "the job to run");

        using var http = fixture.Http;
        using (var response = await http.DeleteAsync(new Uri(fixture.ApiBase, $"api/videos/{running.InstanceId}")))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var ended = await fixture.WaitForEndAsync(stem, TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, ended.RuntimeStatus);
        await Task.Delay(TimeSpan.FromSeconds(2)); // an activity already running may finish; nothing may publish
        Assert.Empty(await fixture.VideosAsync(running.InstanceId));
        Assert.True(await fixture.Blobs.GetBlobContainerClient("uploads").GetBlobClient(stem + ".jpg").ExistsAsync());
    }
}
