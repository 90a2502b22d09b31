using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Orchestration.Uploads;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Batches;

/// <summary>Batches on the real worker and Azurite: one portrait, many recordings, one orchestration fanning out.</summary>
[Collection(WorkerCollection.Name)]
public sealed class BatchTests(WorkerFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(5);
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task TenItems_OneBad_GiveNineVideos_OneFailureWithItsCode_AndOneBatchCompleted()
    {
        var broken = Path.Combine(TestPaths.NewTempFolder("sonic-batch"), "broken.wav");
        await File.WriteAllTextAsync(broken, "this is not a recording");
        var hook = "batch-" + Guid.NewGuid().ToString("N")[..8];
        using var http = fixture.Http;
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(SampleMedia.Portrait)), "image", "presenter.jpg" },
        };
        var speech = await File.ReadAllBytesAsync(TestMedia.ShortSpeech);
        for (var i = 1; i <= 10; i++)
        {
            form.Add(new ByteArrayContent(i == 7 ? await File.ReadAllBytesAsync(broken) : speech), "audio", $"lesson-{i}.wav");
        }

        form.Add(new StringContent("""{"min_resolution":256,"output_resolution":360}""", Encoding.UTF8), "parameters");
        form.Add(new StringContent(receiver.Url(hook), Encoding.UTF8), "callback_url");
        form.Add(new StringContent("course-12", Encoding.UTF8), "correlation_id");

        using var accepted = await http.PostAsync(new Uri(fixture.ApiBase, "api/batches"), form);
        var acceptedText = await accepted.Content.ReadAsStringAsync();
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, acceptedText);
        using var acceptedJson = JsonDocument.Parse(acceptedText);
        var id = acceptedJson.RootElement.GetProperty("id").GetString()!;
        Assert.Equal(10, acceptedJson.RootElement.GetProperty("items").GetArrayLength());

        // The same request again is the same batch: nothing new starts.
        using var again = await http.PostAsync(new Uri(fixture.ApiBase, "api/batches"), form);
        Assert.Equal(id, JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());

        var final = await Eventually.ReturnsAsync(
            async () =>
            {
                var text = await http.GetStringAsync(new Uri(fixture.ApiBase, $"api/batches/{id}"));
                return JsonDocument.Parse(text).RootElement.GetProperty("status").GetString() == "completed" ? text : null;
            },
            BatchTimeout, "the batch to complete", () => fixture.Worker.OutputTail);
        using var status = JsonDocument.Parse(final);
        var counts = status.RootElement.GetProperty("counts");
        Assert.Equal(10, counts.GetProperty("total").GetInt32());
        Assert.Equal(9, counts.GetProperty("completed").GetInt32());
        Assert.Equal(1, counts.GetProperty("failed").GetInt32());
        var items = status.RootElement.GetProperty("items").EnumerateArray().ToList();
        var failed = Assert.Single(items, i => i.GetProperty("status").GetString() == "failed");
        Assert.Equal(items[6].GetProperty("id").GetString(), failed.GetProperty("id").GetString());
        Assert.Equal("audio_unreadable", failed.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("lesson-3.mp4", items[2].GetProperty("result").GetProperty("file_name").GetString());

        // Nine published videos, one per item, each also readable as an ordinary job.
        foreach (var item in items.Where(i => i.GetProperty("status").GetString() == "completed"))
        {
            var itemId = item.GetProperty("id").GetString()!;
            Assert.Single(await fixture.VideosAsync(itemId));
            using var job = JsonDocument.Parse(await http.GetStringAsync(new Uri(fixture.ApiBase, $"api/videos/{itemId}")));
            Assert.Equal("completed", job.RootElement.GetProperty("status").GetString());
            Assert.Equal("course-12", job.RootElement.GetProperty("correlation_id").GetString());
        }

        // One signed callback per video and one for the batch, all verified.
        var calls = await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.For(hook) is { Count: >= 11 } all ? all : null),
            TimeSpan.FromSeconds(60), "eleven callbacks", () => fixture.Worker.OutputTail);
        await Task.Delay(TimeSpan.FromSeconds(2)); // nothing more arrives
        var types = receiver.For(hook).Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal(9, types.Count(t => t == "video.completed"));
        Assert.Equal(1, types.Count(t => t == "video.failed"));
        Assert.Equal(1, types.Count(t => t == "batch.completed"));
        Assert.All(calls, c => Assert.True(c.Verified));
        var batchCall = calls.Single(c => c.Body.Contains("\"batch.completed\"", StringComparison.Ordinal));
        using var batchBody = JsonDocument.Parse(batchCall.Body);
        Assert.Equal(id, batchBody.RootElement.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal(9, batchBody.RootElement.GetProperty("data").GetProperty("counts").GetProperty("completed").GetInt32());
    }

    [Fact]
    public async Task DroppedManifest_NotifiedManyTimes_StartsOneBatch_AndWritesItsResult()
    {
        var stem = Drops.NewStem("week");
        var uploads = fixture.Blobs.GetBlobContainerClient("uploads");
        await uploads.CreateIfNotExistsAsync();
        // The manifest first this time: the batch must start when its last file (a recording) arrives.
        var csv = "audio,file_name,seed,min_resolution,output_resolution\nintro.wav,Week intro,1,256,360\noutro.wav,,2,256,360\n";
        var manifest = $"{stem}/{stem}.batch.csv";
        await uploads.GetBlobClient(manifest).UploadAsync(BinaryData.FromString(csv), overwrite: true);
        await uploads.GetBlobClient($"{stem}/{stem}.jpg").UploadAsync(SampleMedia.Portrait, overwrite: true);
        await uploads.GetBlobClient($"{stem}/intro.wav").UploadAsync(TestMedia.ShortSpeech, overwrite: true);
        await uploads.GetBlobClient($"{stem}/outro.wav").UploadAsync(TestMedia.ShortSpeech, overwrite: true);

        // As a burst of Event Grid deliveries would (for the last recording and the manifest), beside the worker's poller.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fixture.Dispatcher.DispatchAsync($"{stem}/outro.wav", CancellationToken.None)));
        var dispatches = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fixture.Dispatcher.DispatchAsync(manifest, CancellationToken.None)));
        var batchId = Assert.Single(dispatches.Select(d => d.JobId).Distinct());
        Assert.NotNull(batchId);
        Assert.True(dispatches.Count(d => d.Status == UploadDispatchStatus.Started) <= 1);

        var result = await Eventually.ReturnsAsync(
            async () =>
            {
                var blob = fixture.Blobs.GetBlobContainerClient("results").GetBlobClient($"{stem}/{stem}.batch.json");
                return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToString() : null;
            },
            BatchTimeout, "results/{stem}.batch.json", () => fixture.Worker.OutputTail);
        using var json = JsonDocument.Parse(result);
        Assert.Equal(batchId, json.RootElement.GetProperty("id").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("counts").GetProperty("completed").GetInt32());
        var names = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("result").GetProperty("file_name").GetString()).ToList();
        Assert.Equal(["Week_intro.mp4", "outro.mp4"], names); // download names are sanitised as for single jobs

        var batches = new List<string>();
        await foreach (var instance in fixture.Durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "batch-" }))
        {
            if (instance.InstanceId == batchId)
            {
                batches.Add(instance.InstanceId);
            }
        }

        Assert.Single(batches);
    }

    [Fact]
    public async Task DroppedManifest_WithAnUnknownColumn_StartsNothing_AndSaysWhyInItsResult()
    {
        var stem = Drops.NewStem("bad-manifest");
        var uploads = fixture.Blobs.GetBlobContainerClient("uploads");
        await uploads.CreateIfNotExistsAsync();
        await uploads.GetBlobClient($"{stem}.jpg").UploadAsync(SampleMedia.Portrait, overwrite: true);
        await uploads.GetBlobClient($"{stem}.batch.csv").UploadAsync(BinaryData.FromString("audio,colour\na.wav,red\n"), overwrite: true);

        var dispatch = await fixture.Dispatcher.DispatchAsync($"{stem}.batch.csv", CancellationToken.None);

        Assert.Equal(UploadDispatchStatus.Rejected, dispatch.Status);
        var blob = fixture.Blobs.GetBlobContainerClient("results").GetBlobClient($"{stem}.batch.json");
        using var json = JsonDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal("failed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("invalid_parameter", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("colour", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonBatch_WithABadItemParameter_IsRefusedNamingTheItem()
    {
        using var http = fixture.Http;
        var body = """{"image": "p.jpg", "items": [{"audio": "a.wav"}, {"audio": "b.wav", "seed": "many"}]}""";
        using var response = await http.PostAsync(new Uri(fixture.ApiBase, "api/batches"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_parameter", problem.RootElement.GetProperty("code").GetString());
        Assert.StartsWith("Item 2:", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
