namespace Sonic.Media.Audio;

/// <summary>
/// Decoded audio at its original rate and channel count: interleaved float samples in [-1, 1]
/// (frame <c>f</c>, channel <c>c</c> at <c>Samples[f * Channels + c]</c>).
/// </summary>
public sealed record PcmAudio
{
    public PcmAudio(float[] samples, int sampleRate, int channels)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (samples.Length % channels != 0)
        {
            throw new ArgumentException("The sample count must be a multiple of the channel count.", nameof(samples));
        }

        Samples = samples;
        SampleRate = sampleRate;
        Channels = channels;
    }

    /// <summary>Interleaved samples, <see cref="FrameCount"/> × <see cref="Channels"/> of them.</summary>
    public float[] Samples { get; }

    public int SampleRate { get; }

    public int Channels { get; }

    /// <summary>Samples per channel.</summary>
    public int FrameCount => Samples.Length / Channels;

    /// <summary>Duration measured from the decoded samples (not from container metadata).</summary>
    public double DurationSeconds => (double)FrameCount / SampleRate;

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);

    /// <summary>The interleaved samples of frames <c>[startFrame, endFrame)</c>, without copying.</summary>
    public ReadOnlySpan<float> Frames(int startFrame, int endFrame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startFrame);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endFrame, FrameCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startFrame, endFrame);
        return Samples.AsSpan(startFrame * Channels, (endFrame - startFrame) * Channels);
    }
}
