namespace Sonic.Media.Audio;

/// <summary>
/// Finds where speech starts and ends so leading and trailing silence can be cut (parameter <c>trim_silence</c>).
/// </summary>
/// <remarks>
/// The clip is cut into 20 ms frames (<see cref="FrameSeconds"/>) and each frame's RMS level is measured in dBFS.
/// A frame is <b>sound</b> when its level is above the threshold
/// <c>max(<see cref="AbsoluteThresholdDbfs"/>, loudest frame − <see cref="RelativeThresholdDb"/>)</c>, i.e. above
/// −50 dBFS and within 40 dB of the loudest frame: quiet room tone and hiss are silence, while a quiet recording
/// (peaks at −30 dBFS) still keeps all its words. The kept range runs from the first to the last sound frame plus
/// <see cref="PaddingSeconds"/> (100 ms) on both sides, so soft onsets and releases (breath, "s", "f") stay in.
/// Silence inside the speech is never cut: the video must stay in step with the audio.
/// </remarks>
public static class SilenceTrimmer
{
    public const double FrameSeconds = 0.020;

    public const double AbsoluteThresholdDbfs = -50.0;

    public const double RelativeThresholdDb = 40.0;

    public const double PaddingSeconds = 0.100;

    /// <summary>
    /// The range to keep, or <see langword="null"/> when no frame is above the threshold (silent or empty audio).
    /// </summary>
    public static SpeechRange? FindSpeech(ReadOnlySpan<float> mono, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var levels = FrameLevelsDbfs(mono, sampleRate, out var frameLength);
        if (levels.Length == 0)
        {
            return null;
        }

        var loudest = double.NegativeInfinity;
        foreach (var level in levels)
        {
            loudest = Math.Max(loudest, level);
        }

        var threshold = ThresholdDbfs(loudest);
        var first = Array.FindIndex(levels, level => level > threshold);
        if (first < 0)
        {
            return null;
        }

        var last = Array.FindLastIndex(levels, level => level > threshold);
        var padding = (int)Math.Round(PaddingSeconds * sampleRate);
        var start = Math.Max(0, (first * frameLength) - padding);
        var end = Math.Min(mono.Length, ((last + 1) * frameLength) + padding);
        return new SpeechRange(start, end, sampleRate);
    }

    /// <summary>The level a frame must exceed to count as sound, given the loudest frame's level.</summary>
    public static double ThresholdDbfs(double loudestFrameDbfs)
        => Math.Max(AbsoluteThresholdDbfs, loudestFrameDbfs - RelativeThresholdDb);

    /// <summary>RMS level of each 20 ms frame in dBFS (a full-scale sine is −3 dBFS; digital silence is −∞).</summary>
    public static double[] FrameLevelsDbfs(ReadOnlySpan<float> mono, int sampleRate, out int frameLength)
    {
        frameLength = Math.Max(1, (int)Math.Round(FrameSeconds * sampleRate));
        var levels = new double[(mono.Length + frameLength - 1) / frameLength];
        for (var i = 0; i < levels.Length; i++)
        {
            var frame = mono.Slice(i * frameLength, Math.Min(frameLength, mono.Length - (i * frameLength)));
            levels[i] = Dbfs(frame);
        }

        return levels;
    }

    internal static double Dbfs(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return double.NegativeInfinity;
        }

        var energy = 0.0;
        foreach (var sample in samples)
        {
            energy += (double)sample * sample;
        }

        return 10 * Math.Log10(energy / samples.Length);
    }
}
