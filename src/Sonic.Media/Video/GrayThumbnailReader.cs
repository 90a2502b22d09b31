namespace Sonic.Media.Video;

/// <summary>
/// Streams a video as tiny greyscale frames — each frame area-averaged by ffmpeg down to <c>side</c>×<c>side</c>
/// luma samples, every decoded frame kept (no frame-rate conversion) — for detectors that look at the whole picture's
/// slow patterns (the invisible watermark). One reused buffer; stopping early kills ffmpeg.
/// </summary>
public static class GrayThumbnailReader
{
    /// <summary>Containers the reader opens: uploads are files of these, never playlists or other indirections.</summary>
    private const string Formats = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,flv";

    /// <param name="maxSeconds">Only the first this many seconds are read.</param>
    /// <exception cref="MediaToolException">ffmpeg cannot decode the file.</exception>
    public static IEnumerable<byte[]> Read(string path, int side, double maxSeconds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        return ReadIterator(Path.GetFullPath(path), side, maxSeconds, cancellationToken);
    }

    private static IEnumerable<byte[]> ReadIterator(string path, int side, double maxSeconds, CancellationToken cancellationToken)
    {
        // Local files of known containers only: an uploaded playlist must not make ffmpeg open URLs or other files.
        string[] arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "error", "-protocol_whitelist", "file", "-format_whitelist", Formats,
            "-t", maxSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", path, "-map", "0:v:0", "-fps_mode", "passthrough",
            "-vf", FormattableString.Invariant($"scale={side}:{side}:flags=area,format=gray"), "-f", "rawvideo", "pipe:1",
        ];
        using var ffmpeg = FfmpegPipeProcess.Start("thumbnails read", arguments, writeInput: false, readOutput: true);
        var frame = new byte[side * side];
        foreach (var _ in ffmpeg.ReadFrames(frame, "read the video", cancellationToken))
        {
            yield return frame;
        }
    }
}
