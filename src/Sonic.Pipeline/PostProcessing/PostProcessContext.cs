using Sonic.Media.Audio;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>A job's post-processing plan and the audio features its lip-sync calibration compares against.</summary>
public sealed record PostProcessContext(PostProcessPlan Plan, AudioFeatures Features)
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
