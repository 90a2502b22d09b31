namespace Sonic.Pipeline.Storage;

/// <summary>
/// The one storage abstraction the stages use. Two implementations: Azure Blob Storage (Azurite locally) and the
/// local file system (the CLI). Every write overwrites, so a retried step replaces its output instead of adding one.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Creates the containers of <see cref="ContainerNames"/> if missing; <c>videos</c> allows anonymous blob reads.</summary>
    Task EnsureContainersAsync(CancellationToken cancellationToken);

    /// <summary>The artifact's properties, or null when it does not exist.</summary>
    Task<ArtifactInfo?> GetInfoAsync(ArtifactRef artifact, CancellationToken cancellationToken);

    Task DownloadToFileAsync(ArtifactRef artifact, string localPath, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(ArtifactRef artifact, CancellationToken cancellationToken);

    /// <summary>Uploads (overwriting) a local file, with the headers to serve it with.</summary>
    Task<ArtifactInfo> UploadFileAsync(ArtifactRef artifact, string localPath, ArtifactHeaders? headers, CancellationToken cancellationToken);

    /// <summary>Uploads (overwriting) bytes, e.g. a small JSON document or an HTML page.</summary>
    Task<ArtifactInfo> UploadBytesAsync(ArtifactRef artifact, ReadOnlyMemory<byte> content, ArtifactHeaders? headers, CancellationToken cancellationToken);

    /// <summary>Artifacts in <paramref name="container"/> whose names start with <paramref name="prefix"/>.</summary>
    IAsyncEnumerable<ArtifactInfo> ListAsync(string container, string? prefix, CancellationToken cancellationToken);

    /// <summary>Deletes if present (used for job scratch space only; uploads are never deleted).</summary>
    Task DeleteIfExistsAsync(ArtifactRef artifact, CancellationToken cancellationToken);

    /// <summary>The URL anyone can GET, for artifacts in a public container; null where there is none.</summary>
    Uri? GetPublicUri(ArtifactRef artifact);
}
