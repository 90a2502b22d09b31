namespace Sonic.Pipeline.Storage;

/// <summary>What the store knows about a stored artifact.</summary>
public sealed record ArtifactInfo(
    ArtifactRef Ref,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    string? ContentType = null,
    string? ContentDisposition = null,
    string? CacheControl = null);
