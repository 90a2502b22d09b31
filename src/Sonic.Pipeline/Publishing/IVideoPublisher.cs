using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Publishing;

/// <summary>
/// Publishes a finished MP4: <c>videos/{jobId}/{name}.mp4</c> (public read, <c>video/mp4</c>, download
/// Content-Disposition, Cache-Control) plus its poster and captions (the JPEG, WebVTT and SRT beside the work video, when there are any) and a
/// preview page beside it; and records the outcome of dropped jobs in <c>results/{stem}.json</c>. Overwrites, so a
/// retried publish never makes a second copy.
/// </summary>
public interface IVideoPublisher
{
    Task<PublishedVideo> PublishAsync(string jobId, ArtifactRef workVideo, string fileName, CancellationToken cancellationToken);

    Task WriteResultAsync(string stem, JobOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>Where a published video, its preview page, its poster and its captions are, and their public URLs.</summary>
public sealed record PublishedVideo(
    ArtifactRef Video, Uri? VideoUri, ArtifactRef Preview, Uri? PreviewUri, long SizeBytes, string FileName, ArtifactRef? Poster = null, Uri? PosterUri = null)
{
    public Uri? CaptionsVttUri { get; init; }

    public Uri? CaptionsSrtUri { get; init; }
}
