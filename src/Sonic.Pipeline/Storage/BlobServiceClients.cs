using Azure.Identity;
using Azure.Storage.Blobs;

namespace Sonic.Pipeline.Storage;

/// <summary>Builds the <see cref="BlobServiceClient"/> that <see cref="StorageOptions"/> describe.</summary>
public static class BlobServiceClients
{
    public static BlobServiceClient Create(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            StorageKind.ConnectionString => new BlobServiceClient(options.ConnectionString),
            StorageKind.ServiceUri => new BlobServiceClient(
                options.ServiceUri,
                new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId })),
            _ => throw new InvalidOperationException($"{StorageOptions.SectionName} selects the local file system, not Blob Storage."),
        };
    }
}
