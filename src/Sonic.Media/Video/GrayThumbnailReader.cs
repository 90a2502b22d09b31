namespace Sonic.Media.Video;

/// <summary>
/// Streams a video as tiny greyscale frames — each frame area-averaged by ffmpeg down to <c>side</c>×<c>side</c>
/// luma samples, every decoded frame kept (no frame-rate conversion) — for detectors that look at the whole picture's
/// slow patterns (the invisible watermark). One reused buffer; stopping early kills ffmpeg.
/// </summary>
public static class GrayThumbnailReader
{
    /// <exception cref="MediaToolException">ffmpeg cannot decode the file.</exception>
    public static IEnumerable<byte[]> Read(string path, int side, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        return ReadIterator(Path.GetFullPath(path), side, cancellationToken);
    }

    private static IEnumerable<byte[]> ReadIterator(string path, int side, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "error", "-i", path, "-map", "0:v:0", "-fps_mode", "passthrough",
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
