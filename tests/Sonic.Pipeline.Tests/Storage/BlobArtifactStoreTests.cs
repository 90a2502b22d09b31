using System.Net;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobArtifactStoreTests : ArtifactStoreContractTests
{
    private readonly AzuriteFixture azurite;
    private readonly BlobArtifactStore store;

    public BlobArtifactStoreTests(AzuriteFixture azurite)
    {
        this.azurite = azurite;
        store = StoreFactory.Blob(azurite);
    }

    protected override IArtifactStore Store => store;

    [Fact]
    public async Task EnsureContainersAsync_MakesVideosPublicAndTheOthersPrivate()
    {
        var service = new BlobServiceClient(azurite.ConnectionString);

        foreach (var (name, expected) in new[]
        {
            (ContainerNames.Videos, PublicAccessType.Blob),
            (ContainerNames.Uploads, PublicAccessType.None),
            (ContainerNames.Work, PublicAccessType.None),
            (ContainerNames.Results, PublicAccessType.None),
        })
        {
            var policy = await service.GetBlobContainerClient(name).GetAccessPolicyAsync();
            Assert.Equal(expected, policy.Value.BlobPublicAccess);
        }
    }

    [Fact]
    public async Task EnsureContainersAsync_VideosContainerAlreadyPrivate_MakesItPublic()
    {
        var videos = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(ContainerNames.Videos);
        await videos.SetAccessPolicyAsync(PublicAccessType.None);

        await store.EnsureContainersAsync(CancellationToken.None);

        Assert.Equal(PublicAccessType.Blob, (await videos.GetAccessPolicyAsync()).Value.BlobPublicAccess);
    }

    [Fact]
    public async Task AnonymousGet_PrivateContainer_IsRefused()
    {
        var artifact = Work("secret.txt");
        await store.UploadBytesAsync(artifact, "secret"u8.ToArray(), new ArtifactHeaders("text/plain"), CancellationToken.None);
        var uri = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(artifact.Container).GetBlobClient(artifact.Name).Uri;

        using var response = await AnonymousHttp.Client.GetAsync(uri);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
    }

    [Fact]
    public async Task AnonymousGet_VideosContainer_ServesTheBytesWithTheStoredContentType()
    {
        var artifact = new ArtifactRef(ContainerNames.Videos, Prefix + "clip.bin");
        await store.UploadBytesAsync(artifact, "public bytes"u8.ToArray(), new ArtifactHeaders("application/x-test"), CancellationToken.None);

        using var response = await AnonymousHttp.Client.GetAsync(store.GetPublicUri(artifact));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-test", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public bytes", await response.Content.ReadAsStringAsync());
    }
}
