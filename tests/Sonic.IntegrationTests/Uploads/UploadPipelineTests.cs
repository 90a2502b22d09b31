using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Uploads;

[Collection(WorkerCollection.Name)]
public sealed class UploadPipelineTests(WorkerFixture fixture)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task DroppedPair_WatcherStartsOneOrchestration_ThatCompletes()
    {
        var stem = "smoke-" + Guid.NewGuid().ToString("N")[..8];
        var uploads = fixture.Blobs.GetBlobContainerClient("uploads");
        await uploads.GetBlobClient(stem + ".jpg").UploadAsync(TestPaths.Sample("leonnado.jpg"), overwrite: true);
        await uploads.GetBlobClient(stem + ".mp3").UploadAsync(TestPaths.Sample("talk_female_english_10s.MP3"), overwrite: true);

        var instance = await Eventually.ReturnsAsync(
            async () =>
            {
                await foreach (var meta in fixture.Durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "up-" + stem }))
                {
                    if (meta.IsCompleted)
                    {
                        return meta;
                    }
                }

                return null;
            },
            JobTimeout,
            "the dropped pair's orchestration to finish",
            () => fixture.Worker.OutputTail);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
    }
}
