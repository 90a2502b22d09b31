using Sonic.Inference.Animation;
using Sonic.Media.Audio;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// A job's post-processing plan, the audio features its lip-sync calibration compares against, and the portrait crop
/// the animator started from (the face at rest, which the poster frame is chosen to resemble; null: no poster), and
/// the id the invisible watermark's payload names (the job; null: no watermark).
/// </summary>
public sealed record PostProcessContext(PostProcessPlan Plan, AudioFeatures Features, PortraitCrop? Portrait = null, string? ContentId = null)
{
    /// <summary>The loudness column, one value per video frame.</summary>
    public IReadOnlyList<float> Loudness()
    {
        var values = new float[Features.FrameCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Features[i, AudioFeatures.Loudness];
        }

        return values;
    }
}
