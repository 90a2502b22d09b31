using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sonic.Api.Tests.Hosting;
using Sonic.Media.Video;
using Sonic.Pipeline.Provenance;
using Sonic.Testing;

namespace Sonic.Api.Tests;

/// <summary><c>POST /api/verify</c>: what a file says about where it came from.</summary>
[Collection(OpenVideoApiHost.Collection)]
public sealed class VerifyApiTests(OpenVideoApiHost host)
{
    [Fact]
    public async Task Verify_LabelledMp4_ReturnsItsAigcFields_AndText_IsVideoUnreadable()
    {
        var folder = TestPaths.NewTempFolder("sonic-verify-api");
        var video = Path.Combine(folder, "labelled.mp4");
        using (var ffmpeg = Process.Start("ffmpeg", ["-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=1", "-c:v", "libx264", video]))
        {
            await ffmpeg.WaitForExitAsync();
        }

        Mp4Xmp.Write(video, AigcMetadata.Xmp(AigcMetadata.For(new ProvenanceOptions { ContentProducer = "Acme" }, "job-42")));
        using var client = host.CreateClient();
        using var form = new MultipartFormDataContent();
        Uploads.AddFile(form, "video", video, "labelled.mp4", "video/mp4");

        using var response = await client.PostAsync(new Uri("/api/verify", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Acme", report.GetProperty("aigc").GetProperty("ContentProducer").GetString());
        Assert.Equal("job-42", report.GetProperty("aigc").GetProperty("ProduceID").GetString());
        Assert.Equal(AigcMetadata.TrainedAlgorithmicMedia, report.GetProperty("digital_source_type").GetString());

        using var text = new MultipartFormDataContent();
        Uploads.AddBytes(text, "video", "not a video"u8.ToArray(), "notes.mp4");
        using var refused = await client.PostAsync(new Uri("/api/verify", UriKind.Relative), text);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "video_unreadable");
        TestPaths.TryDeleteFolder(folder);
    }
}
