using System.Net;
using Sonic.Api.Tests.Hosting;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Api.Tests;

/// <summary>The API against the real orchestration: what the API stores and sends is what the stages read.</summary>
public sealed class RealRenderThroughApiTests(RealRenderVideoApiHost host) : IClassFixture<RealRenderVideoApiHost>
{
    [Fact]
    public async Task Post_TinyClip_RendersAndPublishesAnMp4WithTheUploadedName()
    {
        var folder = TestPaths.NewTempFolder("sonic-api-real");
        var clip = Path.Combine(folder, "hello.wav");
        MediaTool.Ffmpeg("-v", "error", "-y", "-i", Uploads.Speech, "-t", "1", clip);
        using var content = new MultipartFormDataContent();
        Uploads.AddFile(content, "image", Uploads.Portrait, "Astronaut.png", "image/png");
        Uploads.AddFile(content, "audio", clip, "hello.wav", "audio/wav");
        content.Add(new StringContent("{\"min_resolution\": 256, \"output_resolution\": 360, \"trim_silence\": false}"), "parameters");
        using var client = host.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await VideoApiTestHost.WaitForFinishAsync(client, response.Headers.Location!.OriginalString, TimeSpan.FromMinutes(3));
        Assert.True(status.GetProperty("status").GetString() == "completed", status.GetRawText());
        var id = status.GetProperty("id").GetString()!;
        var result = status.GetProperty("result");
        Assert.Equal("Astronaut.mp4", result.GetProperty("file_name").GetString());
        Assert.InRange(result.GetProperty("duration").GetDouble(), 0.9, 1.1);
        Assert.False(result.GetProperty("animator").GetProperty("is_sonic").GetBoolean());
        // Where the time went, snake_case, in pipeline order, each non-negative, starting with validate and ending with publish.
        var timings = result.GetProperty("timings").EnumerateArray().Select(t => (Stage: t.GetProperty("stage").GetString(), Seconds: t.GetProperty("seconds").GetDouble())).ToList();
        Assert.Equal("validate", timings[0].Stage);
        Assert.Equal("publish", timings[^1].Stage);
        Assert.Contains(timings, t => t.Stage == "encode" && t.Seconds > 0);
        Assert.All(timings, t => Assert.True(t.Seconds >= 0, $"{t.Stage}: {t.Seconds}"));

        var video = await host.Store.GetInfoAsync(new ArtifactRef(ContainerNames.Videos, $"{id}/Astronaut.mp4"), CancellationToken.None);
        Assert.NotNull(video);
        Assert.Equal(video.Size, result.GetProperty("size_bytes").GetInt64());
        var local = Path.Combine(folder, "out.mp4");
        await host.Store.DownloadToFileAsync(video.Ref, local, CancellationToken.None);
        var probe = await Ffprobe.ProbeAsync(local);
        Assert.Equal("h264", probe.Video.CodecName);
        Assert.Equal(360, Math.Min(probe.Video.Width, probe.Video.Height));
        Directory.Delete(folder, recursive: true);
    }
}
