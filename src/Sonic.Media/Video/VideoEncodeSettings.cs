using System.Text.RegularExpressions;

namespace Sonic.Media.Video;

/// <summary>
/// How one MP4 is encoded: H.264 (libx264, High profile, yuv420p) at <see cref="Crf"/> with <see cref="Preset"/>,
/// audio as AAC (default) or MP3 at <see cref="AudioBitrateKbps"/>, <see cref="FrameCount"/> frames at
/// <see cref="Fps"/>. The output lasts exactly FrameCount/Fps seconds; the audio is cut or padded with silence to that.
/// <see cref="Metadata"/> null means <see cref="AiGeneratedMetadata"/>; pass your own dictionary to replace it.
/// <see cref="BurnedSubtitlesPath"/> names an ASS file that libass draws into the picture (burned-in captions);
/// <see cref="Xmp"/> is an XMP packet written into the finished file (<see cref="Mp4Xmp"/>).
/// </summary>
public sealed partial record VideoEncodeSettings(
    int Width,
    int Height,
    int FrameCount,
    int Fps = 25,
    int Crf = 18,
    string Preset = "veryfast",
    string AudioCodec = "aac",
    int AudioBitrateKbps = 128,
    IReadOnlyDictionary<string, string>? Metadata = null,
    string? BurnedSubtitlesPath = null,
    string? Xmp = null)
{
    /// <summary>
    /// Marks the file as AI-generated. "comment" and "description" are standard keys players show; the
    /// "ai_generated" key survives in MP4 only because the encoder writes <c>-movflags +use_metadata_tags</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AiGeneratedMetadata { get; } = new Dictionary<string, string>
    {
        ["comment"] = "AI-generated talking-head video (SonicFunctions)",
        ["description"] = "AI-generated video: a still portrait animated to speech by SonicFunctions.",
        ["ai_generated"] = "true",
    };

    private static readonly string[] X264Presets =
        ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"];

    /// <summary>Duration of the output in seconds: FrameCount / Fps.</summary>
    public double DurationSeconds => (double)FrameCount / Fps;

    public IReadOnlyDictionary<string, string> EffectiveMetadata => Metadata ?? AiGeneratedMetadata;

    /// <summary>Throws <see cref="ArgumentException"/> on the first value ffmpeg would reject or misread.</summary>
    public VideoEncodeSettings Validate()
    {
        // yuv420p halves chroma in both directions, so libx264 refuses odd sizes.
        if (Width < 2 || Height < 2 || Width % 2 != 0 || Height % 2 != 0)
        {
            throw new ArgumentException($"Video size {Width}x{Height} must be positive and even for yuv420p.", nameof(Width));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FrameCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Fps);
        ArgumentOutOfRangeException.ThrowIfNegative(Crf);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Crf, 51);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(AudioBitrateKbps);
        if (!X264Presets.Contains(Preset, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown x264 preset '{Preset}'.", nameof(Preset));
        }

        if (AudioCodec is not ("aac" or "mp3"))
        {
            throw new ArgumentException($"Audio codec must be \"aac\" or \"mp3\", not '{AudioCodec}'.", nameof(AudioCodec));
        }

        foreach (var key in EffectiveMetadata.Keys)
        {
            if (!MetadataKey().IsMatch(key))
            {
                throw new ArgumentException($"Metadata key '{key}' must be letters, digits and underscores.", nameof(Metadata));
            }
        }

        return this;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex MetadataKey();
}
