using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Api;

/// <summary>The HTTP API as served by the real worker process on Azurite (the Azure Storage backend, not in-memory).</summary>
[Collection(WorkerCollection.Name)]
public sealed class HttpApiOnWorkerTests(WorkerFixture fixture)
{
    [Fact]
    public async Task Post_ThenPoll_CompletesWithPublicUrls()
    {
        using var http = fixture.Http;
        using var form = new MultipartFormDataContent();
        using var image = new ByteArrayContent(await File.ReadAllBytesAsync(SampleMedia.Portrait));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(image, "image", "Leo 你好.jpg");
        using var audio = new ByteArrayContent(await File.ReadAllBytesAsync(TestMedia.ShortSpeech));
        audio.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(audio, "audio", "speech.wav");
        using var parameters = new StringContent("""{"min_resolution":256,"output_resolution":360}""");
        form.Add(parameters, "parameters");

        using var accepted = await http.PostAsync(new Uri(fixture.ApiBase, "api/videos"), form);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var location = new Uri(fixture.ApiBase, accepted.Headers.Location!);

        var final = await Eventually.ReturnsAsync(
            async () =>
            {
                var body = await http.GetStringAsync(location);
                var status = JsonDocument.Parse(body).RootElement.GetProperty("status").GetString();
                return status is "completed" or "failed" or "cancelled" ? body : null;
            },
            Drops.JobTimeout,
            "the HTTP job to finish",
            () => fixture.Worker.OutputTail);

        using var json = JsonDocument.Parse(final);
        var root = json.RootElement;
        Assert.True(root.GetProperty("status").GetString() == "completed", final);
        Assert.Equal(1.0, root.GetProperty("progress").GetDouble());
        var result = root.GetProperty("result");
        Assert.Equal("builtin", result.GetProperty("animator").GetProperty("name").GetString());
        Assert.EndsWith(".mp4", result.GetProperty("file_name").GetString(), StringComparison.Ordinal);

        using var video = await http.GetAsync(new Uri(result.GetProperty("video_url").GetString()!));
        Assert.Equal(HttpStatusCode.OK, video.StatusCode);
        Assert.Equal("video/mp4", video.Content.Headers.ContentType?.MediaType);
        using var preview = await http.GetAsync(new Uri(result.GetProperty("preview_url").GetString()!));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<video", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NoFaceImage_PollsToFailedWithItsCode()
    {
        using var http = fixture.Http;
        using var form = new MultipartFormDataContent();
        using var image = new ByteArrayContent(await File.ReadAllBytesAsync(SampleMedia.NoFaceJpegNamedPng));
        form.Add(image, "image", "qq.png");
        using var audio = new ByteArrayContent(await File.ReadAllBytesAsync(TestMedia.ShortSpeech));
        form.Add(audio, "audio", "speech.wav");

        using var accepted = await http.PostAsync(new Uri(fixture.ApiBase, "api/videos"), form);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = new Uri(fixture.ApiBase, accepted.Headers.Location!);

        var final = await Eventually.ReturnsAsync(
            async () =>
            {
                var body = await http.GetStringAsync(location);
                return JsonDocument.Parse(body).RootElement.GetProperty("status").GetString() is "failed" or "completed" ? body : null;
            },
            Drops.JobTimeout,
            "the HTTP job to fail",
            () => fixture.Worker.OutputTail);

        using var json = JsonDocument.Parse(final);
        Assert.Equal("failed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("no_face_detected", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
