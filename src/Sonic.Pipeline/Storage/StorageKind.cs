namespace Sonic.Pipeline.Storage;

/// <summary>The kinds of artifact store <see cref="StorageOptions"/> can select.</summary>
public enum StorageKind
{
    /// <summary>Blob Storage from a connection string (Azurite locally, or an account key).</summary>
    ConnectionString,

    /// <summary>Blob Storage at a service URI with DefaultAzureCredential (managed identity).</summary>
    ServiceUri,

    /// <summary>A folder on the local file system.</summary>
    LocalRoot,
}
