namespace Sonic.Media.Video;

/// <summary>
/// The one exception type for failures of the external media tools (ffmpeg, ffprobe): what the tool said on stderr
/// (the last few kilobytes, where the cause sits) and its exit code (-1 when it never ran or the code is unknown).
/// A tool failure is ours, not the user's, so it is never turned into a <c>SonicJobException</c>.
/// </summary>
public sealed class MediaToolException : Exception
{
    public MediaToolException(string message, string standardError, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StandardError = standardError;
        ExitCode = exitCode;
    }

    public MediaToolException()
        : this("A media tool failed.", string.Empty, -1)
    {
    }

    public MediaToolException(string message)
        : this(message, string.Empty, -1)
    {
    }

    public MediaToolException(string message, Exception innerException)
        : this(message, string.Empty, -1, innerException)
    {
    }

    /// <summary>The tail of the tool's stderr (about 4 KB), empty when it never started.</summary>
    public string StandardError { get; }

    /// <summary>The tool's exit code, or -1 when it did not exit on its own (not started, killed, unknown).</summary>
    public int ExitCode { get; }

    public override string ToString() => $"{base.ToString()}{Environment.NewLine}exit code {ExitCode}; stderr tail:{Environment.NewLine}{StandardError}";
}
