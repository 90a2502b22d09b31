using Sonic.Media.Audio;

namespace Sonic.Inference.Animation.Builtin;

/// <summary>
/// Temporal smoothing of the audio features for the mouth: the jaw leads the sound by a frame (articulators move
/// before the acoustics), opens fast and closes more slowly (attack/release), and a slow envelope tracks whether
/// the speaker is talking at all. Advance one frame at a time.
/// </summary>
internal sealed class SpeechEnvelope(AudioFeatures features)
{
    private readonly float[] smoothed = new float[AudioFeatures.Dimension];
    private int frame = -1;

    /// <summary>Slow loudness envelope (about a second), for head liveliness.</summary>
    public float Activity { get; private set; }

    /// <summary>Smoothed onset strength, for nods.</summary>
    public float Emphasis { get; private set; }

    /// <summary>Moves to the next frame and writes its smoothed feature row into <paramref name="row"/>.</summary>
    public void Next(Span<float> row)
    {
        frame++;
        var ahead = Math.Min(frame + 1, features.FrameCount - 1);

        var loudness = Math.Max(features[frame, AudioFeatures.Loudness], 0.75f * features[ahead, AudioFeatures.Loudness]);
        Follow(AudioFeatures.Loudness, loudness, attack: 0.75f, release: 0.45f);
        Follow(AudioFeatures.LowBand, features[frame, AudioFeatures.LowBand], attack: 0.5f, release: 0.5f);
        Follow(AudioFeatures.HighBand, features[frame, AudioFeatures.HighBand], attack: 0.6f, release: 0.5f);
        Follow(AudioFeatures.Onset, features[frame, AudioFeatures.Onset], attack: 0.9f, release: 0.45f);

        Activity += 0.05f * (smoothed[AudioFeatures.Loudness] - Activity);
        Emphasis += 0.25f * (smoothed[AudioFeatures.Onset] - Emphasis);
        smoothed.CopyTo(row);
    }

    private void Follow(int column, float target, float attack, float release)
    {
        var current = smoothed[column];
        var rate = target > current ? attack : release;
        smoothed[column] = current + (rate * (Math.Clamp(target, 0f, 1f) - current));
    }
}
