using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Orchestration.Client;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Uploads;

[Collection(WorkerCollection.Name)]
public sealed class DroppedPairTests(WorkerFixture fixture)
{
    private const string SmallRender = """{"min_resolution":256,"output_resolution":360}""";

    [Fact]
    public async Task DroppedPair_Completes_WithPublicDownloadableMp4AndResult()
    {
        var stem = Drops.NewStem("leo");
        await fixture.DropAsync(stem, SampleMedia.Portrait, TestMedia.ShortSpeech, SmallRender);

        var job = await fixture.WaitForEndAsync(stem);
        Assert.True(job.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{job.RuntimeStatus}: {OrchestrationFailures.MessageOf(job)}\n{fixture.Worker.OutputTail}");

        // Exactly one MP4 for the job, stored with the headers it is served with.
        var video = Assert.Single(await fixture.VideosAsync(job.InstanceId));
        var blob = fixture.Blobs.GetBlobContainerClient("videos").GetBlobClient(video);
        var stored = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal("video/mp4", stored.ContentType);
        Assert.StartsWith("attachment; filename=\"", stored.ContentDisposition, StringComparison.Ordinal);
        Assert.Contains(".mp4\"", stored.ContentDisposition, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''", stored.ContentDisposition, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(stored.CacheControl));

        // Anyone can fetch it: no key, no SAS.
        using var http = fixture.Http;
        using (var response = await http.GetAsync(blob.Uri))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(stored.ContentDisposition, response.Content.Headers.ContentDisposition?.ToString());
            var local = Path.Combine(TestPaths.NewTempFolder("sonic-it-video"), "video.mp4");
            await File.WriteAllBytesAsync(local, await response.Content.ReadAsByteArrayAsync());
            var probe = await Ffprobe.ProbeAsync(local);
            Assert.Equal("h264", probe.Video.CodecName);
            Assert.Equal(360, Math.Min(probe.Video.Width, probe.Video.Height));
            Assert.Equal("aac", probe.Audio.CodecName);
            Assert.InRange(probe.Format.Duration!.Value, 1.0, 2.6);
        }

        using (var ranged = new HttpRequestMessage(HttpMethod.Get, blob.Uri))
        {
            ranged.Headers.Range = new RangeHeaderValue(0, 99);
            using var response = await http.SendAsync(ranged);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(100, (await response.Content.ReadAsByteArrayAsync()).Length);
            Assert.Equal(stored.ContentLength, response.Content.Headers.ContentRange?.Length);
        }

        // The outcome is recorded for the drop, and the inputs stay.
        using var result = JsonDocument.Parse(await fixture.ResultJsonAsync(stem) ?? throw new InvalidOperationException("results/{stem}.json missing"));
        Assert.Equal("completed", result.RootElement.GetProperty("status").GetString());
        Assert.Equal(job.InstanceId, result.RootElement.GetProperty("job_id").GetString());
        Assert.Equal(blob.Uri.AbsolutePath, new Uri(result.RootElement.GetProperty("video_url").GetString()!).AbsolutePath);
        await AssertUploadsKeptAsync(stem, ".jpg", ".wav", ".json");
    }

    [Fact]
    public async Task DroppedPairWithoutFace_Fails_WithNoFaceDetected_AndKeepsUploads()
    {
        var stem = Drops.NewStem("qq");
        await fixture.DropAsync(stem, SampleMedia.NoFaceJpegNamedPng, TestMedia.ShortSpeech, SmallRender);

        var job = await fixture.WaitForEndAsync(stem);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, job.RuntimeStatus);
        Assert.StartsWith("no_face_detected: ", OrchestrationFailures.MessageOf(job), StringComparison.Ordinal);

        var json = await Eventually.ReturnsAsync(() => fixture.ResultJsonAsync(stem), TimeSpan.FromSeconds(30), "results/{stem}.json");
        using var result = JsonDocument.Parse(json);
        Assert.Equal("failed", result.RootElement.GetProperty("status").GetString());
        Assert.Equal("no_face_detected", result.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(await fixture.VideosAsync(job.InstanceId));
        await AssertUploadsKeptAsync(stem, ".png", ".wav", ".json");
    }

    [Fact]
    public async Task DroppedPairWithMalformedParameters_StartsNoJob_AndResultSaysInvalidParameter()
    {
        var stem = Drops.NewStem("badjson");
        await fixture.DropAsync(stem, SampleMedia.Portrait, TestMedia.ShortSpeech, """{"min_resolution": 256, "colour": "blue"}""");

        var json = await Eventually.ReturnsAsync(() => fixture.ResultJsonAsync(stem), TimeSpan.FromSeconds(30), "results/{stem}.json", () => fixture.Worker.OutputTail);
        using var result = JsonDocument.Parse(json);
        Assert.Equal("failed", result.RootElement.GetProperty("status").GetString());
        Assert.Equal("invalid_parameter", result.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith("up-" + stem + "-", result.RootElement.GetProperty("job_id").GetString(), StringComparison.Ordinal);
        Assert.Empty(await fixture.InstancesAsync(stem));
        await AssertUploadsKeptAsync(stem, ".jpg", ".wav", ".json");
    }

    private async Task AssertUploadsKeptAsync(string stem, params string[] extensions)
    {
        var uploads = fixture.Blobs.GetBlobContainerClient("uploads");
        foreach (var extension in extensions)
        {
            Assert.True(await uploads.GetBlobClient(stem + extension).ExistsAsync(), $"uploads/{stem}{extension} was removed");
        }
    }
}
