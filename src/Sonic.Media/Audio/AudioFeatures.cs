namespace Sonic.Media.Audio;

/// <summary>
/// Per-video-frame audio descriptors at 25 fps (one row per 40 ms of 16 kHz audio = 640 samples), row-major
/// <c>[FrameCount, Dimension]</c>, each value in [0, 1]. The column meanings are fixed by the constants below.
/// </summary>
public sealed record AudioFeatures(int FrameCount, float[] Values)
{
    /// <summary>Loudness of the frame relative to the clip's speech level (0 = silence, 1 = loud speech).</summary>
    public const int Loudness = 0;

    /// <summary>Share of energy below 1 kHz (vowels like o/u: rounder mouth).</summary>
    public const int LowBand = 1;

    /// <summary>Share of energy above 4 kHz (sibilants s/sh/f: teeth, little opening).</summary>
    public const int HighBand = 2;

    /// <summary>Positive spectral flux (syllable onsets).</summary>
    public const int Onset = 3;

    public const int Dimension = 4;

    public const int FramesPerSecond = 25;

    public const int SamplesPerFrameAt16k = 640;

    public float this[int frame, int column] => Values[(frame * Dimension) + column];
}
