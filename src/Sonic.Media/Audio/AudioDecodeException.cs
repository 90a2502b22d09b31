namespace Sonic.Media.Audio;

/// <summary>
/// A decoder (NAudio, NLayer or ffmpeg) failed; carries the tool's own words as evidence. When the cause is the
/// user's file it travels as the inner exception of a <c>SonicJobException</c> with code <c>audio_unreadable</c>,
/// whose message stays one clean sentence.
/// </summary>
public sealed class AudioDecodeException : Exception
{
    public AudioDecodeException()
    {
    }

    public AudioDecodeException(string message)
        : base(message)
    {
    }

    public AudioDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AudioDecodeException(string message, string? toolOutput, int? exitCode = null)
        : base(message)
    {
        ToolOutput = toolOutput;
        ExitCode = exitCode;
    }

    /// <summary>What the tool printed (ffmpeg's stderr), if a tool was involved.</summary>
    public string? ToolOutput { get; }

    public int? ExitCode { get; }
}
