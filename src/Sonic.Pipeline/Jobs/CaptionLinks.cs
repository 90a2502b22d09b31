using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Jobs;

/// <summary>Where a video's published sidecar captions are: WebVTT (what the preview page's track plays) and SRT.</summary>
public sealed record CaptionLinks(
    [property: JsonPropertyName("vtt_url")] string? VttUrl,
    [property: JsonPropertyName("srt_url")] string? SrtUrl);
