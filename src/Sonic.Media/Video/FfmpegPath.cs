namespace Sonic.Media.Video;

/// <summary>
/// How a file path is handed to ffmpeg so that any name the file system accepts arrives as that file: spaces,
/// quotes, apostrophes, backslashes, non-ASCII, a leading dash.
/// </summary>
internal static class FfmpegPath
{
    /// <summary>
    /// For an argument list: the absolute path. Absolute, so ffmpeg never reads a name that starts with '-' as an
    /// option (nor "-" as stdin), nor one like "a:b.wav" as a protocol.
    /// </summary>
    public static string ForArgumentList(string path) => Path.GetFullPath(path);

    /// <summary>
    /// For FFMpegCore's file inputs and outputs: it writes the path into its argument string as <c>"{path}"</c>
    /// without escaping, so a '"' in the name would end the argument early (ffmpeg then fails after the whole render).
    /// </summary>
    public static string ForFfmpegCore(string path) => ArgumentQuoting.EscapeInsideQuotes(ForArgumentList(path));
}
