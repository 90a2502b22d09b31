using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Sonic.Pipeline.Storage;

/// <summary>
/// The artifact store on a local folder (the CLI, tests): <c>{root}/{container}/{name}</c>, names may contain '/'.
/// Writes go to a temp file under <c>{root}/.tmp</c> (same volume) and are then renamed over the target, so readers
/// never see half a file and a retried write replaces its output. Headers live in a sidecar JSON under
/// <c>{root}/.meta/{container}/{name}.json</c>, outside the container folder so they can never collide with an
/// artifact's name or show up in listings.
/// </summary>
public sealed class FileSystemArtifactStore : IArtifactStore
{
    private const string TempFolder = ".tmp";
    private const string MetaFolder = ".meta";
    private const int CopyBufferSize = 1 << 20;

    private static readonly string[] AllContainers = [ContainerNames.Uploads, ContainerNames.Work, ContainerNames.Videos, ContainerNames.Results];

    public FileSystemArtifactStore(string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        RootPath = Path.GetFullPath(rootPath);
    }

    /// <summary>The absolute root folder.</summary>
    public string RootPath { get; }

    public Task EnsureContainersAsync(CancellationToken cancellationToken)
    {
        foreach (var container in AllContainers)
        {
            Directory.CreateDirectory(Path.Combine(RootPath, container));
        }

        Directory.CreateDirectory(Path.Combine(RootPath, TempFolder));
        return Task.CompletedTask;
    }

    public async Task<ArtifactInfo?> GetInfoAsync(ArtifactRef artifact, CancellationToken cancellationToken)
    {
        var path = ContentPath(artifact);
        var file = new FileInfo(path);
        return file.Exists ? await InfoAsync(artifact, file, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task DownloadToFileAsync(ArtifactRef artifact, string localPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var source = await OpenReadAsync(artifact, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(localPath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            var target = new FileStream(localPath, FileMode.Create, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true);
            await using (target.ConfigureAwait(false))
            {
                await source.CopyToAsync(target, CopyBufferSize, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task<Stream> OpenReadAsync(ArtifactRef artifact, CancellationToken cancellationToken)
    {
        var path = ContentPath(artifact);
        try
        {
            // FileShare.Delete: an overwrite (rename over the file) may happen while this stream reads the old content.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, CopyBufferSize, useAsync: true);
            return Task.FromResult(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArtifactNotFoundException(artifact, e);
        }
    }

    public async Task<ArtifactInfo> UploadFileAsync(ArtifactRef artifact, string localPath, ArtifactHeaders? headers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var target = ContentPath(artifact);
        var source = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, useAsync: true);
        await using (source.ConfigureAwait(false))
        {
            return await WriteAsync(artifact, target, headers, (stream, ct) => source.CopyToAsync(stream, CopyBufferSize, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<ArtifactInfo> UploadBytesAsync(ArtifactRef artifact, ReadOnlyMemory<byte> content, ArtifactHeaders? headers, CancellationToken cancellationToken)
    {
        var target = ContentPath(artifact);
        return WriteAsync(artifact, target, headers, (stream, ct) => stream.WriteAsync(content, ct).AsTask(), cancellationToken);
    }

    public async IAsyncEnumerable<ArtifactInfo> ListAsync(string container, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArtifactNames.ValidateContainer(container);
        var folder = Path.Combine(RootPath, container);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        // Blob Storage lists in ordinal name order; do the same so callers see one behaviour.
        var names = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(name => prefix is null || name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var artifact = new ArtifactRef(container, name);
            var file = new FileInfo(Path.Combine(folder, name));
            if (file.Exists)
            {
                yield return await InfoAsync(artifact, file, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task DeleteIfExistsAsync(ArtifactRef artifact, CancellationToken cancellationToken)
    {
        DeleteFile(ContentPath(artifact));
        DeleteFile(MetaPath(artifact));
        return Task.CompletedTask;
    }

    /// <summary>A <c>file://</c> URI for artifacts in <c>videos</c>, the only public container.</summary>
    public Uri? GetPublicUri(ArtifactRef artifact)
        => artifact.Container == ContainerNames.Videos ? new Uri(ContentPath(artifact)) : null;

    /// <summary>The quoted ETag of a file: a hash of its size and last write time, so any rewrite changes it.</summary>
    internal static string ETagOf(FileInfo file)
    {
        Span<byte> state = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(state, file.Length);
        BinaryPrimitives.WriteInt64LittleEndian(state[8..], file.LastWriteTimeUtc.Ticks);
        return $"\"0x{Convert.ToHexString(SHA256.HashData(state), 0, 8)}\"";
    }

    private string ContentPath(ArtifactRef artifact) => Resolve(artifact, Path.Combine(RootPath, artifact.Container), string.Empty);

    private string MetaPath(ArtifactRef artifact) => Resolve(artifact, Path.Combine(RootPath, MetaFolder, artifact.Container), ".json");

    /// <summary>Validates the name, then checks the resolved path is inside its folder (defence in depth).</summary>
    private static string Resolve(ArtifactRef artifact, string folder, string suffix)
    {
        ArtifactNames.Validate(artifact);
        var path = Path.GetFullPath(Path.Combine(folder, artifact.Name.Replace('/', Path.DirectorySeparatorChar) + suffix));
        if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Artifact name '{artifact.Name}' leaves its container.", nameof(artifact));
        }

        return path;
    }

    private async Task<ArtifactInfo> WriteAsync(
        ArtifactRef artifact,
        string target,
        ArtifactHeaders? headers,
        Func<Stream, CancellationToken, Task> write,
        CancellationToken cancellationToken)
    {
        var metaPath = MetaPath(artifact);
        var tempFolder = Path.Combine(RootPath, TempFolder);
        Directory.CreateDirectory(tempFolder);
        var temp = Path.Combine(tempFolder, Guid.NewGuid().ToString("N"));
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            // Coarse file-system clocks can give two quick rewrites of equal size the same mtime, hence the same ETag;
            // keep the write time strictly increasing so every overwrite gets a new ETag, as in Blob Storage.
            var previous = new FileInfo(target);
            var stamp = DateTime.UtcNow;
            if (previous.Exists && previous.LastWriteTimeUtc >= stamp)
            {
                stamp = previous.LastWriteTimeUtc.AddTicks(1);
            }

            File.SetLastWriteTimeUtc(temp, stamp);

            await WriteHeadersAsync(metaPath, headers, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return await InfoAsync(artifact, new FileInfo(target), cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteHeadersAsync(string metaPath, ArtifactHeaders? headers, CancellationToken cancellationToken)
    {
        if (headers is null || headers == new ArtifactHeaders())
        {
            DeleteFile(metaPath);
            return;
        }

        var temp = Path.Combine(RootPath, TempFolder, Guid.NewGuid().ToString("N"));
        try
        {
            await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(headers), cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(metaPath)!);
            File.Move(temp, metaPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Like <see cref="File.Delete"/>, which ignores a missing file but throws for a missing folder.</summary>
    private static void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task<ArtifactInfo> InfoAsync(ArtifactRef artifact, FileInfo file, CancellationToken cancellationToken)
    {
        var headers = await ReadHeadersAsync(MetaPath(artifact), cancellationToken).ConfigureAwait(false);
        return new ArtifactInfo(
            artifact,
            file.Length,
            ETagOf(file),
            new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero),
            headers?.ContentType,
            headers?.ContentDisposition,
            headers?.CacheControl);
    }

    private static async Task<ArtifactHeaders?> ReadHeadersAsync(string metaPath, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(metaPath, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<ArtifactHeaders>(bytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
