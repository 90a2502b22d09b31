using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Storage;

public sealed class FileSystemArtifactStoreTests : ArtifactStoreContractTests
{
    private readonly string root = TestPaths.NewTempFolder("sonic-fs-store");
    private readonly FileSystemArtifactStore store;

    public FileSystemArtifactStoreTests()
    {
        store = new FileSystemArtifactStore(root);
    }

    protected override IArtifactStore Store => store;

    public override Task DisposeAsync()
    {
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void EnsureContainersAsync_CreatesOneFolderPerContainer()
    {
        Assert.All(
            new[] { ContainerNames.Uploads, ContainerNames.Work, ContainerNames.Videos, ContainerNames.Results },
            c => Assert.True(Directory.Exists(Path.Combine(root, c)), c));
    }

    [Fact]
    public async Task UploadBytesAsync_NameWithSlashes_LandsInSubfoldersOfTheContainer_AndLeavesNoTempFiles()
    {
        var artifact = Work("a/b/c.txt");

        await store.UploadBytesAsync(artifact, "abc"u8.ToArray(), new ArtifactHeaders("text/plain"), CancellationToken.None);

        var path = Path.Combine(root, ContainerNames.Work, Prefix.TrimEnd('/'), "a", "b", "c.txt");
        Assert.Equal("abc", await File.ReadAllTextAsync(path));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(root, ".tmp")));
    }

    [Fact]
    public async Task ListAsync_DoesNotReturnTheHeaderSidecars()
    {
        await store.UploadBytesAsync(Work("one.txt"), "1"u8.ToArray(), new ArtifactHeaders("text/plain", null, "no-cache"), CancellationToken.None);

        var listed = Assert.Single(await ListAsync(Prefix));

        Assert.Equal(Work("one.txt"), listed.Ref);
        Assert.Equal("no-cache", listed.CacheControl);
    }

    [Fact]
    public async Task GetPublicUri_Video_IsAFileUriOfTheStoredFile()
    {
        var video = new ArtifactRef(ContainerNames.Videos, Prefix + "你好 世界.mp4");
        await store.UploadBytesAsync(video, "mp4"u8.ToArray(), null, CancellationToken.None);

        var uri = store.GetPublicUri(video);

        Assert.NotNull(uri);
        Assert.True(uri.IsFile);
        Assert.Equal("mp4", await File.ReadAllTextAsync(uri.LocalPath));
    }

    [Fact]
    public async Task OpenReadAsync_WhileTheArtifactIsOverwritten_KeepsReadingTheOldContent()
    {
        var artifact = Work("swap.bin");
        var first = Enumerable.Repeat((byte)1, 100_000).ToArray();
        await store.UploadBytesAsync(artifact, first, null, CancellationToken.None);

        await using var reader = await store.OpenReadAsync(artifact, CancellationToken.None);
        await store.UploadBytesAsync(artifact, Enumerable.Repeat((byte)2, 50_000).ToArray(), null, CancellationToken.None);
        using var copy = new MemoryStream();
        await reader.CopyToAsync(copy);

        Assert.Equal(first, copy.ToArray());
        Assert.Equal(50_000, (await store.GetInfoAsync(artifact, CancellationToken.None))!.Size);
    }
}
