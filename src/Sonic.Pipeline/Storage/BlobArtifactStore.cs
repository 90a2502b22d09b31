using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace Sonic.Pipeline.Storage;

/// <summary>
/// The artifact store on Azure Blob Storage (Azurite locally). One container per <see cref="ContainerNames"/> entry;
/// <c>videos</c> allows anonymous blob reads. Only a missing blob is translated (null / <see cref="ArtifactNotFoundException"/>);
/// every other <see cref="RequestFailedException"/> propagates so the orchestration's retry policy can decide.
/// </summary>
public sealed class BlobArtifactStore : IArtifactStore
{
    private readonly BlobServiceClient service;
    private readonly ILogger<BlobArtifactStore> logger;

    public BlobArtifactStore(BlobServiceClient service, ILogger<BlobArtifactStore> logger)
    {
        this.service = service ?? throw new ArgumentNullException(nameof(service));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task EnsureContainersAsync(CancellationToken cancellationToken)
    {
        foreach (var name in new[] { ContainerNames.Uploads, ContainerNames.Work, ContainerNames.Results })
        {
            var created = await service.GetBlobContainerClient(name)
                .CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (created is not null)
            {
                Log.ContainerCreated(logger, name, "none");
            }
        }

        var videos = service.GetBlobContainerClient(ContainerNames.Videos);
        try
        {
            var created = await videos.CreateIfNotExistsAsync(PublicAccessType.Blob, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (created is not null)
            {
                Log.ContainerCreated(logger, ContainerNames.Videos, "blob");
            }
            else
            {
                // Created earlier, perhaps by someone else as private: make its blobs readable as the contract promises.
                await videos.SetAccessPolicyAsync(PublicAccessType.Blob, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.ErrorCode == "PublicAccessNotPermitted")
        {
            // Accounts created since 2023 disallow anonymous access by default; publishing still works, URLs need SAS or a CDN.
            Log.PublicAccessNotPermitted(logger, ContainerNames.Videos, e.Message);
            await videos.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ArtifactInfo?> GetInfoAsync(ArtifactRef artifact, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Blob(artifact).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var p = properties.Value;
            return new ArtifactInfo(artifact, p.ContentLength, p.ETag.ToString(), p.LastModified, p.ContentType, p.ContentDisposition, p.CacheControl);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task DownloadToFileAsync(ArtifactRef artifact, string localPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var blob = Blob(artifact);
        var folder = Path.GetDirectoryName(Path.GetFullPath(localPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        try
        {
            await blob.DownloadToAsync(localPath, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            File.Delete(localPath);
            throw new ArtifactNotFoundException(artifact, e);
        }
    }

    public async Task<Stream> OpenReadAsync(ArtifactRef artifact, CancellationToken cancellationToken)
    {
        var blob = Blob(artifact);
        try
        {
            // allowModifications: false pins the ETag, so an overwrite during the read fails instead of mixing versions.
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new ArtifactNotFoundException(artifact, e);
        }
    }

    public async Task<ArtifactInfo> UploadFileAsync(ArtifactRef artifact, string localPath, ArtifactHeaders? headers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var blob = Blob(artifact);
        var size = new FileInfo(localPath).Length;

        // No conditions in the options: the upload overwrites, so a retried step replaces its output.
        var response = await blob.UploadAsync(localPath, UploadOptions(headers), cancellationToken).ConfigureAwait(false);
        Log.Uploaded(logger, artifact, size);
        return Info(artifact, size, response.Value, headers);
    }

    public async Task<ArtifactInfo> UploadBytesAsync(ArtifactRef artifact, ReadOnlyMemory<byte> content, ArtifactHeaders? headers, CancellationToken cancellationToken)
    {
        var blob = Blob(artifact);
        var response = await blob.UploadAsync(BinaryData.FromBytes(content), UploadOptions(headers), cancellationToken).ConfigureAwait(false);
        Log.Uploaded(logger, artifact, content.Length);
        return Info(artifact, content.Length, response.Value, headers);
    }

    public async IAsyncEnumerable<ArtifactInfo> ListAsync(string container, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArtifactNames.ValidateContainer(container);
        var client = service.GetBlobContainerClient(container);
        await foreach (var item in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            var p = item.Properties;
            yield return new ArtifactInfo(
                new ArtifactRef(container, item.Name),
                p.ContentLength ?? 0,
                p.ETag?.ToString() ?? string.Empty,
                p.LastModified ?? DateTimeOffset.MinValue,
                p.ContentType,
                p.ContentDisposition,
                p.CacheControl);
        }
    }

    public async Task DeleteIfExistsAsync(ArtifactRef artifact, CancellationToken cancellationToken)
        => await Blob(artifact).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>The blob's URI for artifacts in <c>videos</c> (anonymous read); null for the private containers.</summary>
    public Uri? GetPublicUri(ArtifactRef artifact)
        => artifact.Container == ContainerNames.Videos ? Blob(artifact).Uri : null;

    private BlobClient Blob(ArtifactRef artifact)
    {
        ArtifactNames.Validate(artifact);
        return service.GetBlobContainerClient(artifact.Container).GetBlobClient(artifact.Name);
    }

    private static BlobUploadOptions UploadOptions(ArtifactHeaders? headers) => new()
    {
        HttpHeaders = headers is null
            ? null
            : new BlobHttpHeaders
            {
                ContentType = headers.ContentType,
                ContentDisposition = headers.ContentDisposition,
                CacheControl = headers.CacheControl,
            },
    };

    private static ArtifactInfo Info(ArtifactRef artifact, long size, BlobContentInfo content, ArtifactHeaders? headers)
        => new(artifact, size, content.ETag.ToString(), content.LastModified, headers?.ContentType, headers?.ContentDisposition, headers?.CacheControl);
}
