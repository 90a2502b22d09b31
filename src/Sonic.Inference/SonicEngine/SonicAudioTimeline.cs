namespace Sonic.Inference.SonicEngine;

/// <summary>
/// How Sonic maps a 16 kHz clip onto video frames and Whisper tokens: L = samples / 640 (40 ms units, capped),
/// N = L / 2 video frames at 12.5 fps, and 2L Whisper tokens (50 per second) kept from the stacked encoder states.
/// </summary>
public sealed record SonicAudioTimeline(int SampleCount)
{
    public const int SampleRate = 16_000;
    public const int SamplesPerUnit = 640;
    public const int MaxUnits = 10_000;

    /// <summary>L: 40 ms units, capped at 10 000 (upstream's maximum audio length).</summary>
    public int Units => Math.Min(SampleCount / SamplesPerUnit, MaxUnits);

    /// <summary>N: Sonic video frames at 12.5 fps.</summary>
    public int FrameCount => Units / 2;

    /// <summary>Whisper tokens kept: 2L.</summary>
    public int TokenCount => 2 * Units;

    /// <summary>30 s Whisper chunks needed to cover the kept tokens (1500 tokens each).</summary>
    public int WhisperChunkCount => Math.Max(1, (TokenCount + WhisperLogMel.TokensPerChunk - 1) / WhisperLogMel.TokensPerChunk);
}
