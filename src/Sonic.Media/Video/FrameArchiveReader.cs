namespace Sonic.Media.Video;

/// <summary>
/// Streams the frames of a <see cref="FrameArchive"/> file back as RGBA through ffmpeg's stdout, one reused
/// <see cref="RgbaFrame"/> at a time (copy it before moving on to keep it). Stopping early kills ffmpeg.
/// </summary>
public static class FrameArchiveReader
{
    /// <summary>
    /// Lazily yields the frames of <paramref name="path"/>, which must be <paramref name="width"/>×<paramref name="height"/>.
    /// Throws <see cref="MediaToolException"/> when ffmpeg fails or the file ends inside a frame.
    /// </summary>
    public static IEnumerable<RgbaFrame> Read(string path, int width, int height, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The frame archive does not exist.", path);
        }

        return ReadIterator(Path.GetFullPath(path), width, height, cancellationToken);
    }

    private static IEnumerable<RgbaFrame> ReadIterator(string path, int width, int height, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "error", "-i", path,
            "-map", "0:v:0", "-f", "rawvideo", "-pix_fmt", "rgba", "-s", FrameArchive.Size(width, height), "pipe:1",
        ];
        using var ffmpeg = FfmpegPipeProcess.Start("frames read", arguments, writeInput: false, readOutput: true);
        var frame = new RgbaFrame(width, height);
        foreach (var index in ffmpeg.ReadFrames(frame.Pixels, "read the frame archive", cancellationToken))
        {
            frame.Index = index;
            yield return frame;
        }
    }
}
