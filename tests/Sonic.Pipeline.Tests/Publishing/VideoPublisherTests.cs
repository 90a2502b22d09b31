using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Rendering;
using Sonic.Pipeline.Storage;
using Sonic.Pipeline.Tests.Storage;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Publishing;

/// <summary>The publisher on a real Azurite: names, headers as stored and as served, the preview page, results JSON.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class VideoPublisherTests : IAsyncLifetime
{
    private readonly AzuriteFixture azurite;
    private readonly TinyMp4 mp4;
    private readonly BlobArtifactStore store;
    private readonly VideoPublisher publisher;

    public VideoPublisherTests(AzuriteFixture azurite, TinyMp4 mp4)
    {
        this.azurite = azurite;
        this.mp4 = mp4;
        store = StoreFactory.Blob(azurite);
        publisher = new VideoPublisher(store, NullLogger<VideoPublisher>.Instance);
    }

    public static TheoryData<string, string> UserNames => new()
    {
        { "Leo talks", "Leo_talks" },
        { "你好 世界", "你好_世界" },
        { "a\"b", "a_b" },
        { "x\r\ny", "x_y" },
        { "../../etc/passwd", "etc_passwd" },
        { "con", "con_" },
        { "my #1 take?", "my_1_take" },
        { new string('é', 300), new string('é', DownloadFileName.MaxLength) },
    };

    public Task InitializeAsync() => store.EnsureContainersAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(UserNames))]
    public async Task PublishAsync_UserName_GivesASafeBlobNameAndADispositionThatDecodesToIt(string userName, string expectedStem)
    {
        var jobId = JobIds.NewForHttp();
        var work = await UploadWorkVideoAsync(jobId);

        var published = await publisher.PublishAsync(jobId, work, userName, CancellationToken.None);

        var fileName = expectedStem + ".mp4";
        Assert.Equal(new ArtifactRef(ContainerNames.Videos, $"{jobId}/{fileName}"), published.Video);
        Assert.Equal(fileName, published.FileName);
        Assert.Equal(mp4.Bytes.Length, published.SizeBytes);
        var stored = await StoredProperties(published.Video);
        Assert.Equal("video/mp4", stored.ContentType);
        Assert.Equal("public, max-age=31536000, immutable", stored.CacheControl);
        Assert.Equal(mp4.Bytes.Length, stored.ContentLength);

        // Read the header back by hand (RFC 5987: charset'lang'pct-encoded) and with .NET's parser.
        var header = stored.ContentDisposition;
        Assert.All(header, c => Assert.InRange(c, ' ', '~'));
        var match = DispositionPattern().Match(header);
        Assert.True(match.Success, header);
        Assert.Equal(fileName, Uri.UnescapeDataString(match.Groups["star"].Value));
        Assert.Equal(ContentDispositionHeader.AsciiFallback(fileName), match.Groups["plain"].Value);
        Assert.Equal(fileName, ContentDispositionHeaderValue.Parse(header).FileNameStar);
    }

    [Fact]
    public async Task PublishedVideo_AnonymousGet_Returns200WithTheHeaders_AndARangeReturns206()
    {
        var jobId = JobIds.NewForHttp();
        var published = await publisher.PublishAsync(jobId, await UploadWorkVideoAsync(jobId), "你好 世界", CancellationToken.None);
        Assert.NotNull(published.VideoUri);

        using var full = await AnonymousHttp.Client.GetAsync(published.VideoUri);
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, published.VideoUri);
        rangeRequest.Headers.Range = new RangeHeaderValue(0, 99);
        using var range = await AnonymousHttp.Client.SendAsync(rangeRequest);

        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("video/mp4", full.Content.Headers.ContentType?.MediaType);
        Assert.Equal("你好_世界.mp4", full.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("attachment", full.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(mp4.Bytes, await full.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        var first100 = await range.Content.ReadAsByteArrayAsync();
        Assert.Equal(mp4.Bytes.AsSpan(0, 100).ToArray(), first100);
        Assert.Equal(mp4.Bytes.Length, range.Content.Headers.ContentRange?.Length);
    }

    [Fact]
    public async Task PreviewPage_IsServedAsHtml_EncodesTheName_AndItsVideoSourceResolvesToTheVideo()
    {
        var jobId = JobIds.NewForHttp();
        var published = await publisher.PublishAsync(jobId, await UploadWorkVideoAsync(jobId), "<script>alert('x')</script> 你好", CancellationToken.None);
        Assert.NotNull(published.PreviewUri);

        using var response = await AnonymousHttp.Client.GetAsync(published.PreviewUri);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("text/html; charset=utf-8", (await StoredProperties(published.Preview)).ContentType);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 你好", html, StringComparison.Ordinal);
        var src = Regex.Match(html, "<video controls playsinline preload=\"metadata\" src=\"([^\"]+)\"></video>");
        Assert.True(src.Success, html);
        Assert.Contains($"href=\"{src.Groups[1].Value}\" download=", html, StringComparison.Ordinal);
        var resolved = new Uri(published.PreviewUri, WebUtility.HtmlDecode(src.Groups[1].Value));
        Assert.Equal(published.VideoUri, resolved);
        using var video = await AnonymousHttp.Client.GetAsync(resolved, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, video.StatusCode);
    }

    [Fact]
    public async Task PublishAsync_WithCaptionsBesideTheWorkVideo_PublishesThem_AndThePageTracksTheWebVtt()
    {
        var jobId = JobIds.NewForHttp();
        var work = await UploadWorkVideoAsync(jobId);
        const string Vtt = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nWelcome.\n\n";
        await store.UploadBytesAsync(work with { Name = $"{jobId}/video.vtt" }, Encoding.UTF8.GetBytes(Vtt), new ArtifactHeaders("text/vtt"), CancellationToken.None);
        await store.UploadBytesAsync(work with { Name = $"{jobId}/video.srt" }, Encoding.UTF8.GetBytes("1\n00:00:00,000 --> 00:00:01,000\nWelcome.\n\n"), new ArtifactHeaders("text/plain"), CancellationToken.None);

        var published = await publisher.PublishAsync(jobId, work, "Shop intro", CancellationToken.None);

        Assert.EndsWith($"/{jobId}/Shop_intro.vtt", published.CaptionsVttUri?.AbsolutePath, StringComparison.Ordinal);
        Assert.EndsWith($"/{jobId}/Shop_intro.srt", published.CaptionsSrtUri?.AbsolutePath, StringComparison.Ordinal);
        using (var response = await AnonymousHttp.Client.GetAsync(published.CaptionsVttUri))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/vtt", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Vtt, await response.Content.ReadAsStringAsync());
        }

        var html = await AnonymousHttp.Client.GetStringAsync(published.PreviewUri);
        var track = Regex.Match(html, "<track kind=\"captions\" label=\"Captions\" src=\"([^\"]+)\" default>");
        Assert.True(track.Success, html);
        Assert.Equal(published.CaptionsVttUri, new Uri(published.PreviewUri!, WebUtility.HtmlDecode(track.Groups[1].Value)));

        // Without captions in work storage, a later publish of the job leaves none behind.
        await store.DeleteIfExistsAsync(work with { Name = $"{jobId}/video.vtt" }, CancellationToken.None);
        await store.DeleteIfExistsAsync(work with { Name = $"{jobId}/video.srt" }, CancellationToken.None);
        var again = await publisher.PublishAsync(jobId, work, "Shop intro", CancellationToken.None);
        Assert.Null(again.CaptionsVttUri);
        Assert.DoesNotContain("<track", await AnonymousHttp.Client.GetStringAsync(again.PreviewUri), StringComparison.Ordinal);
        var names = new List<string>();
        await foreach (var info in store.ListAsync(ContainerNames.Videos, jobId + "/", CancellationToken.None))
        {
            names.Add(info.Ref.Name);
        }

        Assert.Equal([$"{jobId}/Shop_intro.mp4", $"{jobId}/index.html"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_SameJobAgain_EvenUnderAnotherName_LeavesOneVideoAndOnePage()
    {
        var jobId = JobIds.NewForHttp();
        var work = await UploadWorkVideoAsync(jobId);

        await publisher.PublishAsync(jobId, work, "first name", CancellationToken.None);
        await publisher.PublishAsync(jobId, work, "first name", CancellationToken.None);
        var last = await publisher.PublishAsync(jobId, work, "second name", CancellationToken.None);

        var names = new List<string>();
        await foreach (var info in store.ListAsync(ContainerNames.Videos, jobId + "/", CancellationToken.None))
        {
            names.Add(info.Ref.Name);
        }

        Assert.Equal([$"{jobId}/index.html", $"{jobId}/second_name.mp4"], names);
        Assert.Equal(last.Video.Name, names[1]);
    }

    [Fact]
    public async Task WriteResultAsync_Outcome_IsIndentedSnakeCaseJsonThatRoundTrips()
    {
        var stem = "folder/stem-" + Guid.NewGuid().ToString("N")[..8];
        var completed = new JobOutcome(
            "up-stem-0123", JobOutcome.Completed, "http://x/videos/a/b.mp4", "http://x/videos/a/index.html", "b.mp4",
            10.04, 123_456, 1080, 1920, new AnimatorReport("builtin", "Built-in animator", "CPU", false));
        var failed = new JobOutcome("up-stem-0123", JobOutcome.Failed, Error: new JobError("no_face_detected", "No face was found in the image."));

        await publisher.WriteResultAsync(stem, completed, CancellationToken.None);
        var completedJson = await ReadAsync(new ArtifactRef(ContainerNames.Results, stem + ".json"));
        await publisher.WriteResultAsync(stem, failed, CancellationToken.None);
        var failedJson = await ReadAsync(new ArtifactRef(ContainerNames.Results, stem + ".json"));
        var info = await store.GetInfoAsync(new ArtifactRef(ContainerNames.Results, stem + ".json"), CancellationToken.None);

        Assert.Equal(completed, JsonSerializer.Deserialize<JobOutcome>(completedJson));
        Assert.Equal(failed, JsonSerializer.Deserialize<JobOutcome>(failedJson));
        Assert.Contains("\n  \"job_id\": \"up-stem-0123\"", completedJson, StringComparison.Ordinal);
        Assert.Contains("\"is_sonic\": false", completedJson, StringComparison.Ordinal);
        Assert.Contains("\"code\": \"no_face_detected\"", failedJson, StringComparison.Ordinal);
        Assert.DoesNotContain("video_url", failedJson, StringComparison.Ordinal);
        Assert.Equal("application/json", info!.ContentType);
    }

    [Fact]
    public async Task PublishAsync_OnTheFileSystemStore_WritesTheVideoWithHeadersAndReturnsFileUris()
    {
        var root = TestPaths.NewTempFolder("sonic-publish-fs");
        try
        {
            var fileStore = new FileSystemArtifactStore(root);
            await fileStore.EnsureContainersAsync(CancellationToken.None);
            var work = new ArtifactRef(ContainerNames.Work, "job-1/video.mp4");
            await fileStore.UploadFileAsync(work, mp4.Path, null, CancellationToken.None);

            var published = await new VideoPublisher(fileStore, NullLogger<VideoPublisher>.Instance)
                .PublishAsync("job-1", work, "Leo talks", CancellationToken.None);
            var info = await fileStore.GetInfoAsync(published.Video, CancellationToken.None);

            Assert.True(published.VideoUri!.IsFile);
            Assert.Equal(mp4.Bytes, await File.ReadAllBytesAsync(published.VideoUri.LocalPath));
            Assert.Contains("Leo_talks.mp4", await File.ReadAllTextAsync(published.PreviewUri!.LocalPath), StringComparison.Ordinal);
            Assert.Equal("video/mp4", info!.ContentType);
            Assert.Equal("attachment; filename=\"Leo_talks.mp4\"; filename*=UTF-8''Leo_talks.mp4", info.ContentDisposition);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task PublishAsync_JobIdWithASlash_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync("a/b", new ArtifactRef(ContainerNames.Work, "a/video.mp4"), "x", CancellationToken.None));
    }

    [GeneratedRegex("^attachment; filename=\"(?<plain>[ -!#-\\[\\]-~]+)\"; filename\\*=UTF-8''(?<star>[A-Za-z0-9!#$&+\\-.^_`|~%]+)$")]
    private static partial Regex DispositionPattern();

    private async Task<ArtifactRef> UploadWorkVideoAsync(string jobId)
    {
        var work = new ArtifactRef(ContainerNames.Work, $"{jobId}/video.mp4");
        await store.UploadFileAsync(work, mp4.Path, new ArtifactHeaders("video/mp4"), CancellationToken.None);
        return work;
    }

    private async Task<BlobProperties> StoredProperties(ArtifactRef artifact)
        => (await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(artifact.Container)
            .GetBlobClient(artifact.Name).GetPropertiesAsync()).Value;

    private async Task<string> ReadAsync(ArtifactRef artifact)
    {
        await using var stream = await store.OpenReadAsync(artifact, CancellationToken.None);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
