using System.Net;
using System.Text.Json;
using SkiaSharp;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Faces;

/// <summary>The face cache across jobs, and the poster published beside every video, on the real worker.</summary>
[Collection(WorkerCollection.Name)]
public sealed class FaceCacheAndPosterTests(WorkerFixture fixture)
{
    [Fact]
    public async Task SecondJobWithTheSamePortrait_HitsTheCache_AndAChangedImageMisses()
    {
        // Bytes after the JPEG's end marker change its hash but not its picture: a portrait no other test has sent.
        var folder = TestPaths.NewTempFolder("sonic-face-cache");
        var portrait = await VariantAsync(folder, "anna.jpg", 1);
        var changed = await VariantAsync(folder, "anna-v2.jpg", 2);
        using var http = fixture.Http;

        var (firstId, first) = await RenderAsync(http, portrait);
        var (secondId, second) = await RenderAsync(http, portrait);
        var (_, third) = await RenderAsync(http, changed);

        Assert.Equal("miss", first.GetProperty("face_cache").GetString());
        Assert.Equal("hit", second.GetProperty("face_cache").GetString());
        Assert.Equal("miss", third.GetProperty("face_cache").GetString());

        // The hit gave the job exactly what preparing would have: the same crop and the same face plan.
        var work = fixture.Blobs.GetBlobContainerClient("work");
        foreach (var name in new[] { "crop.png", "face.json" })
        {
            var made = (await work.GetBlobClient($"{firstId}/{name}").DownloadContentAsync()).Value.Content.ToArray();
            var reused = (await work.GetBlobClient($"{secondId}/{name}").DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(made, reused);
        }
    }

    [Fact]
    public async Task EveryPublishedVideo_HasAJpegPoster_OfItsOwnSize_UsedByThePreviewPage()
    {
        using var http = fixture.Http;
        var (_, result) = await RenderAsync(http, SampleMedia.Portrait);

        var posterUrl = new Uri(result.GetProperty("poster_url").GetString()!);
        Assert.EndsWith(".jpg", posterUrl.AbsolutePath, StringComparison.Ordinal);
        using var poster = await http.GetAsync(posterUrl);
        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        Assert.Equal("image/jpeg", poster.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await poster.Content.ReadAsByteArrayAsync());
        var videoPath = Path.Combine(TestPaths.NewTempFolder("sonic-poster"), "video.mp4");
        await File.WriteAllBytesAsync(videoPath, await http.GetByteArrayAsync(new Uri(result.GetProperty("video_url").GetString()!)));
        var video = (await Ffprobe.ProbeAsync(videoPath)).Video;
        Assert.Equal((video.Width, video.Height), (bitmap.Width, bitmap.Height));

        var page = await http.GetStringAsync(new Uri(result.GetProperty("preview_url").GetString()!));
        Assert.Contains($"poster=\"{Uri.EscapeDataString(Path.GetFileName(posterUrl.LocalPath))}\"", page, StringComparison.Ordinal);
    }

    private async Task<(string Id, JsonElement Result)> RenderAsync(HttpClient http, string imagePath)
    {
        using var accepted = await ApiJobs.PostAsync(http, fixture.ApiBase, imagePath, TestMedia.ShortSpeech, """{"min_resolution":256,"output_resolution":360}""");
        var text = await accepted.Content.ReadAsStringAsync();
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        var final = await ApiJobs.WaitForEndAsync(http, fixture.ApiBase, id, Drops.JobTimeout, () => fixture.Worker.OutputTail);
        var root = JsonDocument.Parse(final).RootElement;
        Assert.True(root.GetProperty("status").GetString() == "completed", final);
        return (id, root.GetProperty("result").Clone());
    }

    private static async Task<string> VariantAsync(string folder, string name, byte marker)
    {
        var path = Path.Combine(folder, name);
        byte[] tail = [.. Guid.NewGuid().ToByteArray(), marker];
        await File.WriteAllBytesAsync(path, [.. await File.ReadAllBytesAsync(SampleMedia.Portrait), .. tail]);
        return path;
    }
}
