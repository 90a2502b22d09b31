using System.Text.Json.Serialization;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// What to do to the frames between animator and paste-back, from the user's parameters and the face found in
/// preprocessing: the face and mouth boxes (fractions of the crop side), and which corrections are on.
/// </summary>
public sealed record PostProcessPlan(
    [property: JsonPropertyName("calibrate_lipsync")] bool CalibrateLipsync,
    [property: JsonPropertyName("smooth_motion")] bool SmoothMotion,
    [property: JsonPropertyName("watermark_text")] string? WatermarkText,
    [property: JsonPropertyName("face")] RegionF Face,
    [property: JsonPropertyName("mouth")] RegionF Mouth)
{
    public bool DoesAnything => CalibrateLipsync || SmoothMotion || !string.IsNullOrEmpty(WatermarkText);
}
