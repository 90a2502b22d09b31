using System.Globalization;

namespace Sonic.Media.Video;

/// <summary>
/// Streams RGBA frames into a <see cref="FrameArchive"/> file through ffmpeg's stdin. The file appears at its path
/// only after <see cref="CompleteAsync"/> succeeded; disposing earlier kills ffmpeg and leaves nothing behind.
/// </summary>
public sealed class FrameArchiveWriter : IAsyncDisposable
{
    private readonly FfmpegPipeProcess _ffmpeg;
    private readonly string _path;
    private readonly string _partialPath;
    private bool _completed;

    private FrameArchiveWriter(FfmpegPipeProcess ffmpeg, string path, string partialPath, int width, int height)
    {
        _ffmpeg = ffmpeg;
        _path = path;
        _partialPath = partialPath;
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    public int FramesWritten { get; private set; }

    public static FrameArchiveWriter Create(string path, int width, int height, int fps = FrameArchive.DefaultFps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var partialPath = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.partial");
        string[] arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "rgba", "-s", FrameArchive.Size(width, height),
            "-r", fps.ToString(CultureInfo.InvariantCulture), "-i", "pipe:0",
            // See FrameArchive: RGB H.264 at CRF 8 is visually lossless, an order of magnitude smaller than FFV1.
            "-c:v", "libx264rgb", "-preset", "veryfast", "-crf", "8", "-pix_fmt", "rgb24",
            "-f", "matroska", "-y", partialPath,
        ];
        return new FrameArchiveWriter(FfmpegPipeProcess.Start("frames write", arguments, writeInput: true, readOutput: false), fullPath, partialPath, width, height);
    }

    public async Task WriteAsync(RgbaFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(_completed, this);
        if (frame.Width != Width || frame.Height != Height)
        {
            throw new ArgumentException($"Frame {frame.Index} is {frame.Width}x{frame.Height}; the archive holds {Width}x{Height}.", nameof(frame));
        }

        try
        {
            await _ffmpeg.Input.WriteAsync(frame.Pixels, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // A broken pipe means ffmpeg exited; its stderr says why.
            throw _ffmpeg.Failure("write the frame archive", ex);
        }

        FramesWritten++;
        _ffmpeg.Frames = FramesWritten;
    }

    /// <summary>Closes the pipe, waits for ffmpeg and moves the finished file into place.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        await _ffmpeg.Input.FlushAsync(cancellationToken).ConfigureAwait(false);
        _ffmpeg.Input.Close();
        await _ffmpeg.WaitForSuccessAsync("write the frame archive", cancellationToken).ConfigureAwait(false);
        File.Move(_partialPath, _path, overwrite: true);
        _completed = true;
    }

    public ValueTask DisposeAsync()
    {
        _ffmpeg.Dispose();
        if (!_completed)
        {
            try
            {
                File.Delete(_partialPath);
            }
            catch (IOException)
            {
                // Best effort: a hidden .partial file in a temp folder is harmless.
            }
        }

        _completed = true;
        return ValueTask.CompletedTask;
    }
}
