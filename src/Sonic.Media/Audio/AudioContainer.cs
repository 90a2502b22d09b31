namespace Sonic.Media.Audio;

/// <summary>What the first bytes of an audio file say it is; decides which decoder reads it.</summary>
public enum AudioContainer
{
    /// <summary>Not recognised here: ffmpeg decides (m4a, ogg, flac, garbage, ...).</summary>
    Other,

    /// <summary>RIFF/WAVE (or RF64/WAVE): read by NAudio.</summary>
    Wave,

    /// <summary>MPEG audio frames, optionally behind an ID3v2 tag: read by NLayer.</summary>
    Mpeg,
}
