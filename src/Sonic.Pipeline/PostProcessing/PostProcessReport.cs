using System.Text.Json.Serialization;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>Everything the post-processing measured and did; a part is null when its option was off.</summary>
public sealed record PostProcessReport(
    [property: JsonPropertyName("lipsync")] LipSyncReport? LipSync,
    [property: JsonPropertyName("motion")] MotionReport? Motion,
    [property: JsonPropertyName("watermark")] bool Watermark,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("invisible_watermark")] bool InvisibleWatermark = false);
