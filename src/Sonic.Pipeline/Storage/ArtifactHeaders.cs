namespace Sonic.Pipeline.Storage;

/// <summary>HTTP headers stored with an artifact and served with it (public videos, preview pages).</summary>
public sealed record ArtifactHeaders(string? ContentType = null, string? ContentDisposition = null, string? CacheControl = null);
