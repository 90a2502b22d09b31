using System.ComponentModel.DataAnnotations;

namespace Sonic.Pipeline.Audio;

/// <summary>Limits and tools of the audio stage, bound from configuration section <c>Sonic:Audio</c>.</summary>
public sealed class AudioOptions
{
    public const string SectionName = "Sonic:Audio";

    /// <summary>Longest accepted audio (before trimming), in seconds; longer input fails with <c>audio_too_long</c>.</summary>
    [Range(1.0, 24 * 3600.0)]
    public double MaxDurationSeconds { get; set; } = 600;

    /// <summary>Least speech accepted (after trimming silence), in seconds; less fails with <c>audio_too_short</c>.</summary>
    [Range(0.04, 60.0)]
    public double MinSpeechSeconds { get; set; } = 0.5;

    /// <summary>ffmpeg's path, or a name found on PATH; decodes containers other than WAV and MP3.</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";
}
