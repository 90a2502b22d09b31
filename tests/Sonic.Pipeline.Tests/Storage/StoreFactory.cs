using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Storage;

internal static class StoreFactory
{
    public static BlobArtifactStore Blob(AzuriteFixture azurite)
        => new(new BlobServiceClient(azurite.ConnectionString), NullLogger<BlobArtifactStore>.Instance);
}
