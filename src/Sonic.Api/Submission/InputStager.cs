using Microsoft.Extensions.Logging;
using Sonic.Media.Errors;
using Sonic.Pipeline.Storage;

namespace Sonic.Api.Submission;

/// <summary>
/// Puts one input half where the orchestration reads it. Uploaded parts and fetched URLs go to
/// <c>work/{jobId}/input/{role}.{ext}</c> — deterministic, and not in <c>uploads</c>, which the drop watcher scans;
/// a blob already in <c>uploads</c> is referenced where it is (uploads are never deleted).
/// </summary>
public sealed class InputStager(IArtifactStore store, InputDownloader downloader, ILogger<InputStager> logger)
{
    public async Task<ArtifactRef> StageAsync(string jobId, string role, InputSource source, string scratchFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        switch (source.Kind)
        {
            case InputKind.UploadsBlob:
                var blob = new ArtifactRef(ContainerNames.Uploads, source.Location);
                _ = await store.GetInfoAsync(blob, cancellationToken).ConfigureAwait(false)
                    ?? throw new SonicJobException(ErrorCodes.InputNotFound, $"The {role} '{source.Location}' does not exist in the uploads container.");
                return blob;
            case InputKind.Url:
                var url = new Uri(source.Location);
                var local = Path.Combine(scratchFolder, role + ".download");
                var bytes = await downloader.DownloadAsync(url, role, local, cancellationToken).ConfigureAwait(false);
                Log.InputDownloaded(logger, url.GetLeftPart(UriPartial.Path), bytes, jobId);
                return await StoreAsync(jobId, role, local, source.OriginalName, cancellationToken).ConfigureAwait(false);
            default:
                return await StoreAsync(jobId, role, source.Location, source.OriginalName, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The name a staged input gets (exposed so tests and hosts agree on the layout).</summary>
    public static ArtifactRef StagedInput(string jobId, string role, string extension) =>
        new(ContainerNames.Work, $"{jobId}/input/{role}.{extension}");

    private async Task<ArtifactRef> StoreAsync(string jobId, string role, string localPath, string? originalName, CancellationToken cancellationToken)
    {
        var extension = role == InputRole.Image
            ? InputFormats.ImageExtension(localPath, originalName)
            : InputFormats.AudioExtension(localPath, originalName);
        var target = StagedInput(jobId, role, extension);
        await store.UploadFileAsync(target, localPath, new ArtifactHeaders(InputFormats.ContentType(extension)), cancellationToken).ConfigureAwait(false);
        return target;
    }
}
