using FFMpegCore.Pipes;

namespace Sonic.Media.Video;

/// <summary>
/// Adapts the producer's reused <see cref="RgbaFrame"/> to FFMpegCore's <see cref="IVideoFrame"/>. One instance for
/// the whole stream: FFMpegCore serialises each frame before it asks for the next, so nothing is copied or kept.
/// </summary>
internal sealed class RgbaPipeFrame(int width, int height) : IVideoFrame
{
    private RgbaFrame? _current;

    public int Width => width;

    public int Height => height;

    /// <summary>ffmpeg's name for tightly packed 8-bit R,G,B,A.</summary>
    public string Format => "rgba";

    public int FramesWritten { get; private set; }

    /// <summary>Takes at most <paramref name="frameCount"/> frames and checks each one's size.</summary>
    public IEnumerable<IVideoFrame> Wrap(IEnumerable<RgbaFrame> frames, int frameCount, CancellationToken cancellationToken)
    {
        foreach (var frame in frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (frame.Width != width || frame.Height != height)
            {
                throw new InvalidOperationException(
                    $"Frame {frame.Index} is {frame.Width}x{frame.Height}; the encoder was set up for {width}x{height}.");
            }

            _current = frame;
            yield return this;
            if (++FramesWritten == frameCount)
            {
                yield break;
            }
        }
    }

    public void Serialize(Stream pipe) => pipe.Write(Current.Pixels);

    public Task SerializeAsync(Stream pipe, CancellationToken token) => pipe.WriteAsync(Current.Pixels, token).AsTask();

    private RgbaFrame Current => _current ?? throw new InvalidOperationException("No frame has been taken yet.");
}
