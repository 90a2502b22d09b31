using System.Text.Json;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>Small helpers the stages share over <see cref="IArtifactStore"/>: JSON documents and whole small blobs.</summary>
public static class ArtifactStoreExtensions
{
    private static readonly ArtifactHeaders JsonHeaders = new("application/json");

    public static async Task<bool> ExistsAsync(this IArtifactStore store, ArtifactRef artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.GetInfoAsync(artifact, cancellationToken).ConfigureAwait(false) is not null;
    }

    public static Task<ArtifactInfo> WriteJsonAsync<T>(this IArtifactStore store, ArtifactRef artifact, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.UploadBytesAsync(artifact, JsonSerializer.SerializeToUtf8Bytes(value, StageJson.Options), JsonHeaders, cancellationToken);
    }

    /// <summary>The document, or default when it does not exist.</summary>
    public static async Task<T?> TryReadJsonAsync<T>(this IArtifactStore store, ArtifactRef artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!await store.ExistsAsync(artifact, cancellationToken).ConfigureAwait(false))
        {
            return default;
        }

        var stream = await store.OpenReadAsync(artifact, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<T>(stream, StageJson.Options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <exception cref="InvalidOperationException">The document is missing: an earlier stage did not run for this job.</exception>
    public static async Task<T> ReadJsonAsync<T>(this IArtifactStore store, ArtifactRef artifact, CancellationToken cancellationToken)
        => await store.TryReadJsonAsync<T>(artifact, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{artifact} is missing; the stage that writes it has not run for this job.");

    /// <summary>The bytes, or null when the artifact does not exist (optional cache entries).</summary>
    public static async Task<byte[]?> TryReadAllBytesAsync(this IArtifactStore store, ArtifactRef artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.ExistsAsync(artifact, cancellationToken).ConfigureAwait(false)
            ? await store.ReadAllBytesAsync(artifact, cancellationToken).ConfigureAwait(false)
            : null;
    }

    public static async Task<byte[]> ReadAllBytesAsync(this IArtifactStore store, ArtifactRef artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stream = await store.OpenReadAsync(artifact, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
