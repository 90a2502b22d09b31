using System.Text;
using Microsoft.Extensions.Logging;
using Sonic.Pipeline.Captions;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Rendering;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Publishing;

/// <summary>
/// Publishes through <see cref="IArtifactStore"/>, so it works on Blob Storage and on the file system alike:
/// <c>videos/{jobId}/{stem}.mp4</c>, its poster <c>{stem}.jpg</c>, a script's captions <c>{stem}.vtt</c> / <c>{stem}.srt</c>, and <c>videos/{jobId}/index.html</c>, and <c>results/{stem}.json</c>.
/// Every write overwrites and anything else under <c>videos/{jobId}/</c> is removed, so a retried or repeated
/// publish of one job always leaves exactly one video and one page.
/// </summary>
public sealed class VideoPublisher : IVideoPublisher
{
    public const string PreviewName = "index.html";
    public const string VideoContentType = "video/mp4";
    public const string PreviewContentType = "text/html; charset=utf-8";
    public const string ResultContentType = "application/json";
    public const string PosterContentType = "image/jpeg";

    /// <summary>The video's path holds the job id, so its bytes never change: browsers and CDNs may keep it for a year.</summary>
    public const string VideoCacheControl = "public, max-age=31536000, immutable";

    /// <summary>The page is cheap and may be re-rendered by a later publish of the job; keep it short.</summary>
    public const string PreviewCacheControl = "public, max-age=300";

    private const int MaxTitleLength = 200;

    private readonly IArtifactStore store;
    private readonly ILogger<VideoPublisher> logger;

    public VideoPublisher(IArtifactStore store, ILogger<VideoPublisher> logger)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<PublishedVideo> PublishAsync(string jobId, ArtifactRef workVideo, string fileName, CancellationToken cancellationToken)
    {
        ValidateJobId(jobId);
        var downloadName = PublishedFileName.ForVideo(fileName);
        var video = new ArtifactRef(ContainerNames.Videos, $"{jobId}/{downloadName}");
        var preview = new ArtifactRef(ContainerNames.Videos, $"{jobId}/{PreviewName}");

        // The store has no server-side copy; a temp file keeps memory flat whatever the video's length.
        var temp = Path.Combine(Path.GetTempPath(), $"sonic-publish-{Guid.NewGuid():N}.mp4");
        ArtifactInfo uploaded;
        try
        {
            await store.DownloadToFileAsync(workVideo, temp, cancellationToken).ConfigureAwait(false);
            uploaded = await store.UploadFileAsync(
                video,
                temp,
                new ArtifactHeaders(VideoContentType, ContentDispositionHeader.Attachment(downloadName), VideoCacheControl),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }

        // Beside the work video when the encoder made them: the poster (video.mp4 → video.poster.jpg) and a script's or
        // transcript's captions (video.vtt, video.srt), each published under the download name.
        var poster = await PublishBesideAsync(
            workVideo with { Name = PasteBackEncoder.PosterPathFor(workVideo.Name) }, jobId, downloadName, ".jpg", PosterContentType, cancellationToken).ConfigureAwait(false);
        var vtt = await PublishBesideAsync(
            workVideo with { Name = Path.ChangeExtension(workVideo.Name, ".vtt") }, jobId, downloadName, ".vtt", CaptionFiles.VttContentType, cancellationToken).ConfigureAwait(false);
        var srt = await PublishBesideAsync(
            workVideo with { Name = Path.ChangeExtension(workVideo.Name, ".srt") }, jobId, downloadName, ".srt", CaptionFiles.SrtContentType, cancellationToken).ConfigureAwait(false);
        var page = PreviewPage.Render(
            Title(fileName, downloadName), downloadName, poster is { } still ? Path.GetFileName(still.Name) : null, vtt is { } track ? Path.GetFileName(track.Name) : null);
        await store.UploadBytesAsync(
            preview,
            Encoding.UTF8.GetBytes(page),
            new ArtifactHeaders(PreviewContentType, null, PreviewCacheControl),
            cancellationToken).ConfigureAwait(false);

        List<ArtifactRef> keep = [video, preview];
        foreach (var extra in new[] { poster, vtt, srt })
        {
            if (extra is { } artifact)
            {
                keep.Add(artifact);
            }
        }

        await RemoveOthersAsync(jobId, keep, cancellationToken).ConfigureAwait(false);
        Log.Published(logger, jobId, video, uploaded.Size);
        return new PublishedVideo(
            video, store.GetPublicUri(video), preview, store.GetPublicUri(preview), uploaded.Size, downloadName, poster, poster is { } p ? store.GetPublicUri(p) : null)
        {
            CaptionsVttUri = vtt is { } v ? store.GetPublicUri(v) : null,
            CaptionsSrtUri = srt is { } r ? store.GetPublicUri(r) : null,
        };
    }

    /// <summary>Publishes <paramref name="work"/>, when it exists, beside the video as its download name with <paramref name="extension"/>.</summary>
    private async Task<ArtifactRef?> PublishBesideAsync(
        ArtifactRef work, string jobId, string downloadName, string extension, string contentType, CancellationToken cancellationToken)
    {
        if (await store.TryReadAllBytesAsync(work, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return null;
        }

        var published = new ArtifactRef(ContainerNames.Videos, $"{jobId}/{Path.ChangeExtension(downloadName, extension)}");
        await store.UploadBytesAsync(published, bytes, new ArtifactHeaders(contentType, null, VideoCacheControl), cancellationToken).ConfigureAwait(false);
        return published;
    }

    public async Task WriteResultAsync(string stem, JobOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stem);
        ArgumentNullException.ThrowIfNull(outcome);
        var result = new ArtifactRef(ContainerNames.Results, $"{stem}.json");
        await store.UploadBytesAsync(result, ResultJson.Serialize(outcome), new ArtifactHeaders(ResultContentType), cancellationToken).ConfigureAwait(false);
        Log.ResultWritten(logger, stem, outcome.Status, result);
    }

    /// <summary>The job id becomes one path segment; ids from <see cref="JobIds"/> always qualify.</summary>
    private static void ValidateJobId(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        if (jobId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A job id must be a single path segment.", nameof(jobId));
        }

        ArtifactNames.ValidateName(jobId, nameof(jobId));
    }

    /// <summary>What the user typed, minus control characters; the page HTML-encodes it.</summary>
    private static string Title(string? requested, string downloadName)
    {
        var text = new string((requested ?? string.Empty).Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (text.Length > MaxTitleLength)
        {
            text = text[..MaxTitleLength];
        }

        return text.Length == 0 ? downloadName : text;
    }

    /// <summary>An earlier publish of the same job under another name (e.g. changed parameters) must not leave a second video.</summary>
    private async Task RemoveOthersAsync(string jobId, IReadOnlyCollection<ArtifactRef> keep, CancellationToken cancellationToken)
    {
        var stale = new List<ArtifactRef>();
        await foreach (var info in store.ListAsync(ContainerNames.Videos, jobId + "/", cancellationToken).ConfigureAwait(false))
        {
            if (!keep.Contains(info.Ref))
            {
                stale.Add(info.Ref);
            }
        }

        foreach (var artifact in stale)
        {
            await store.DeleteIfExistsAsync(artifact, cancellationToken).ConfigureAwait(false);
            Log.RemovedStale(logger, artifact);
        }
    }
}
