using System.Security.Cryptography;
using System.Text;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Tests.Storage;

/// <summary>
/// What every <see cref="IArtifactStore"/> must do, run against both implementations (derived classes), so stage
/// code can rely on one behaviour. Each test works under its own random prefix in <c>work</c>.
/// </summary>
public abstract class ArtifactStoreContractTests : IAsyncLifetime
{
    private readonly string prefix = "contract-" + Guid.NewGuid().ToString("N")[..12] + "/";

    protected abstract IArtifactStore Store { get; }

    public static TheoryData<string> TraversalNames => new()
    {
        "../outside.txt",
        "a/../../outside.txt",
        "/etc/passwd",
        "a\\..\\b.txt",
        "a//b.txt",
        "./a.txt",
        "a/.",
        "a\nb.txt",
        "a\0b.txt",
    };

    public virtual Task InitializeAsync() => Store.EnsureContainersAsync(CancellationToken.None);

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task UploadBytesAsync_ThenOpenRead_ReturnsTheSameBytes()
    {
        var artifact = Work("nested/folder/data.bin");
        var bytes = RandomNumberGenerator.GetBytes(70_000);

        var info = await Store.UploadBytesAsync(artifact, bytes, null, CancellationToken.None);

        Assert.Equal(bytes.Length, info.Size);
        await using var stream = await Store.OpenReadAsync(artifact, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task UploadFileAsync_ThenDownloadToFile_CopiesTheFileExactly()
    {
        var folder = Sonic.Testing.TestPaths.NewTempFolder("sonic-store");
        try
        {
            var source = Path.Combine(folder, "source.bin");
            var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
            await File.WriteAllBytesAsync(source, bytes);
            var artifact = Work("big.bin");

            var uploaded = await Store.UploadFileAsync(artifact, source, null, CancellationToken.None);
            var target = Path.Combine(folder, "sub", "target.bin");
            await Store.DownloadToFileAsync(artifact, target, CancellationToken.None);

            Assert.Equal(bytes.Length, uploaded.Size);
            Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await File.ReadAllBytesAsync(target)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task UploadBytesAsync_SameNameTwice_KeepsOneArtifactWithTheNewContent()
    {
        var artifact = Work("again.txt");

        await Store.UploadBytesAsync(artifact, "first"u8.ToArray(), null, CancellationToken.None);
        await Store.UploadBytesAsync(artifact, "second!"u8.ToArray(), null, CancellationToken.None);

        var listed = await ListAsync(prefix);
        var only = Assert.Single(listed);
        Assert.Equal(artifact, only.Ref);
        Assert.Equal(7, only.Size);
        Assert.Equal("second!", await ReadTextAsync(artifact));
    }

    [Fact]
    public async Task UploadBytesAsync_OverwriteWithSameSize_ChangesTheQuotedETag()
    {
        var artifact = Work("etag.txt");

        var first = await Store.UploadBytesAsync(artifact, "aaaa"u8.ToArray(), null, CancellationToken.None);
        var firstInfo = await Store.GetInfoAsync(artifact, CancellationToken.None);
        var second = await Store.UploadBytesAsync(artifact, "bbbb"u8.ToArray(), null, CancellationToken.None);
        var secondInfo = await Store.GetInfoAsync(artifact, CancellationToken.None);

        Assert.StartsWith("\"", first.ETag, StringComparison.Ordinal);
        Assert.EndsWith("\"", first.ETag, StringComparison.Ordinal);
        Assert.Equal(first.ETag, firstInfo!.ETag);
        Assert.Equal(second.ETag, secondInfo!.ETag);
        Assert.NotEqual(first.ETag, second.ETag);
    }

    [Fact]
    public async Task GetInfoAsync_MissingArtifact_ReturnsNull()
    {
        Assert.Null(await Store.GetInfoAsync(Work("missing.txt"), CancellationToken.None));
    }

    [Fact]
    public async Task ReadingAMissingArtifact_ThrowsArtifactNotFound()
    {
        var missing = Work("missing.bin");
        var target = Path.Combine(Path.GetTempPath(), $"sonic-missing-{Guid.NewGuid():N}.bin");

        var open = await Assert.ThrowsAsync<ArtifactNotFoundException>(() => Store.OpenReadAsync(missing, CancellationToken.None));
        await Assert.ThrowsAsync<ArtifactNotFoundException>(() => Store.DownloadToFileAsync(missing, target, CancellationToken.None));

        Assert.Equal(missing, open.Artifact);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task ListAsync_WithPrefix_ReturnsOnlyMatchingNamesInOrdinalOrder()
    {
        foreach (var name in new[] { "b/1.txt", "a/2.txt", "ab.txt", "a/1.txt", "a/deep/3.txt" })
        {
            await Store.UploadBytesAsync(Work(name), Encoding.UTF8.GetBytes(name), null, CancellationToken.None);
        }

        var inFolder = (await ListAsync(prefix + "a/")).Select(i => i.Ref.Name[prefix.Length..]);
        var startingWithA = (await ListAsync(prefix + "a")).Select(i => i.Ref.Name[prefix.Length..]);
        var all = await ListAsync(prefix);

        Assert.Equal(["a/1.txt", "a/2.txt", "a/deep/3.txt"], inFolder);
        Assert.Equal(["a/1.txt", "a/2.txt", "a/deep/3.txt", "ab.txt"], startingWithA);
        Assert.Equal(5, all.Count);
        Assert.All(all, i => Assert.Equal(Encoding.UTF8.GetByteCount(i.Ref.Name[prefix.Length..]), i.Size));
    }

    [Fact]
    public async Task UploadWithHeaders_GetInfoAndListReturnThem_AndAPlainOverwriteClearsThem()
    {
        var artifact = Work("page.html");
        var headers = new ArtifactHeaders("text/html; charset=utf-8", "attachment; filename=\"x.html\"", "public, max-age=60");

        var uploaded = await Store.UploadBytesAsync(artifact, "<p>hi</p>"u8.ToArray(), headers, CancellationToken.None);
        var info = await Store.GetInfoAsync(artifact, CancellationToken.None);
        var listed = Assert.Single(await ListAsync(prefix));
        await Store.UploadBytesAsync(artifact, "<p>bye</p>"u8.ToArray(), null, CancellationToken.None);
        var cleared = await Store.GetInfoAsync(artifact, CancellationToken.None);

        foreach (var seen in new[] { uploaded, info!, listed })
        {
            Assert.Equal(headers.ContentType, seen.ContentType);
            Assert.Equal(headers.ContentDisposition, seen.ContentDisposition);
            Assert.Equal(headers.CacheControl, seen.CacheControl);
        }

        Assert.Null(cleared!.ContentDisposition);
        Assert.Null(cleared.CacheControl);
    }

    [Fact]
    public async Task DeleteIfExistsAsync_RemovesTheArtifact_AndIgnoresAMissingOne()
    {
        var artifact = Work("delete-me.txt");
        await Store.UploadBytesAsync(artifact, "x"u8.ToArray(), new ArtifactHeaders("text/plain"), CancellationToken.None);

        await Store.DeleteIfExistsAsync(artifact, CancellationToken.None);
        await Store.DeleteIfExistsAsync(artifact, CancellationToken.None);

        Assert.Null(await Store.GetInfoAsync(artifact, CancellationToken.None));
        Assert.Empty(await ListAsync(prefix));
    }

    [Fact]
    public void GetPublicUri_OnlyTheVideosContainerHasOne()
    {
        Assert.NotNull(Store.GetPublicUri(new ArtifactRef(ContainerNames.Videos, prefix + "v.mp4")));
        Assert.Null(Store.GetPublicUri(new ArtifactRef(ContainerNames.Work, prefix + "v.mp4")));
        Assert.Null(Store.GetPublicUri(new ArtifactRef(ContainerNames.Uploads, prefix + "v.mp4")));
        Assert.Null(Store.GetPublicUri(new ArtifactRef(ContainerNames.Results, prefix + "v.json")));
    }

    [Theory]
    [MemberData(nameof(TraversalNames))]
    public async Task AnyOperation_TraversalOrMalformedName_ThrowsArgumentException(string name)
    {
        var artifact = new ArtifactRef(ContainerNames.Work, name);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.UploadBytesAsync(artifact, "x"u8.ToArray(), null, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetInfoAsync(artifact, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenReadAsync(artifact, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteIfExistsAsync(artifact, CancellationToken.None));
        Assert.ThrowsAny<ArgumentException>(() => Store.GetPublicUri(artifact with { Container = ContainerNames.Videos }));
    }

    [Theory]
    [InlineData("../work")]
    [InlineData("Work")]
    [InlineData("a")]
    public async Task AnyOperation_InvalidContainerName_ThrowsArgumentException(string container)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetInfoAsync(new ArtifactRef(container, "x.txt"), CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await ListAsync(container, null));
    }

    protected ArtifactRef Work(string name) => new(ContainerNames.Work, prefix + name);

    protected string Prefix => prefix;

    protected Task<List<ArtifactInfo>> ListAsync(string namePrefix) => ListAsync(ContainerNames.Work, namePrefix);

    private async Task<List<ArtifactInfo>> ListAsync(string container, string? namePrefix)
    {
        var items = new List<ArtifactInfo>();
        await foreach (var item in Store.ListAsync(container, namePrefix, CancellationToken.None))
        {
            items.Add(item);
        }

        return items;
    }

    private async Task<string> ReadTextAsync(ArtifactRef artifact)
    {
        await using var stream = await Store.OpenReadAsync(artifact, CancellationToken.None);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
