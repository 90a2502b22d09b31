using System.Text.Json.Serialization;
using Sonic.Inference.Faces;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Provenance;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// What to do to the frames between animator and paste-back, from the user's parameters and the face found in
/// preprocessing: the face, mouth and eye boxes (fractions of the crop side), and which corrections are on. The eyes
/// and mouth also choose the poster frame (<see cref="PosterFramePicker"/>); plans written before it have no eyes.
/// </summary>
public sealed record PostProcessPlan(
    [property: JsonPropertyName("calibrate_lipsync")] bool CalibrateLipsync,
    [property: JsonPropertyName("smooth_motion")] bool SmoothMotion,
    [property: JsonPropertyName("watermark_text")] string? WatermarkText,
    [property: JsonPropertyName("face")] RegionF Face,
    [property: JsonPropertyName("mouth")] RegionF Mouth,
    [property: JsonPropertyName("eyes")] RegionF? Eyes = null,
    [property: JsonPropertyName("ai_label")] string? AiLabel = null,
    [property: JsonPropertyName("ai_label_text")] string? AiLabelText = null,
    [property: JsonPropertyName("invisible_watermark")] bool InvisibleWatermark = false)
{
    public bool DoesAnything => CalibrateLipsync || SmoothMotion || !string.IsNullOrEmpty(WatermarkText) || HasAiLabel || InvisibleWatermark;

    /// <summary>Whether the frames get the visible AI label (plans written before it have none).</summary>
    [JsonIgnore]
    public bool HasAiLabel => AiLabel is AiLabels.Corner or AiLabels.Intro && !string.IsNullOrEmpty(AiLabelText);

    /// <summary>The plan for a job's parameters and the face found in its crop of <paramref name="cropSide"/> pixels.</summary>
    public static PostProcessPlan For(RenderParameters parameters, FaceDetection faceInCrop, int cropSide)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new PostProcessPlan(
            parameters.CalibrateLipsync,
            parameters.SmoothMotion,
            parameters.WatermarkText,
            RegionF.Face(faceInCrop, cropSide),
            RegionF.Mouth(faceInCrop, cropSide),
            RegionF.Eyes(faceInCrop, cropSide),
            parameters.AiLabel,
            AiLabels.TextFor(parameters),
            parameters.InvisibleWatermark);
    }
}
