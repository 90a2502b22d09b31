using System.Text.Json.Serialization;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>What motion smoothing did: the mean jitter correction (output pixels of the crop) and the mean
/// brightness/colour gain change per frame (0.01 = 1 %).</summary>
public sealed record MotionReport(
    [property: JsonPropertyName("mean_shift_px")] double MeanShiftPixels,
    [property: JsonPropertyName("mean_gain_change")] double MeanGainChange);
