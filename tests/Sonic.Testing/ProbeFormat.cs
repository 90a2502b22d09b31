namespace Sonic.Testing;

/// <summary>The container as ffprobe reports it, with its metadata tags (keys as written, case kept).</summary>
public sealed record ProbeFormat(string FormatName, double? Duration, long? BitRate, long Size, IReadOnlyDictionary<string, string> Tags);
