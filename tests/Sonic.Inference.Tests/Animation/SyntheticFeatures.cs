using Sonic.Media.Audio;

namespace Sonic.Inference.Tests.Animation;

/// <summary>Audio feature tracks made up for tests: speech-like bursts and silence at known frames.</summary>
internal static class SyntheticFeatures
{
    public static AudioFeatures Silence(int frames) => new(frames, new float[frames * AudioFeatures.Dimension]);

    /// <summary>Alternating silence and loud speech, <paramref name="period"/> frames each, starting silent.</summary>
    public static AudioFeatures Bursts(int frames, int period)
        => From(frames, t => (t / period) % 2 == 1 ? (0.9f, 0.5f, 0.1f, t % period == 0 ? 1f : 0.2f) : (0f, 0f, 0f, 0f));

    public static bool IsLoud(int frame, int period) => (frame / period) % 2 == 1;

    public static AudioFeatures From(int frames, Func<int, (float Loudness, float Low, float High, float Onset)> row)
    {
        var values = new float[frames * AudioFeatures.Dimension];
        for (var t = 0; t < frames; t++)
        {
            var (loudness, low, high, onset) = row(t);
            values[(t * AudioFeatures.Dimension) + AudioFeatures.Loudness] = loudness;
            values[(t * AudioFeatures.Dimension) + AudioFeatures.LowBand] = low;
            values[(t * AudioFeatures.Dimension) + AudioFeatures.HighBand] = high;
            values[(t * AudioFeatures.Dimension) + AudioFeatures.Onset] = onset;
        }

        return new AudioFeatures(frames, values);
    }
}
