using System.Globalization;

namespace Sonic.Media.Video;

/// <summary>
/// The lossless intermediate between inference and encoding: crop-size RGBA frames stored as FFV1 in Matroska
/// (<c>frames.mkv</c>). FFV1 is lossless and intra-only, so the paste-back sees exactly the animator's pixels; the
/// frames are opaque, so they are kept as <c>bgr0</c> (alpha dropped, a third less to compress than <c>bgra</c>)
/// and read back as <c>rgba</c> with alpha 255. Written and read through ffmpeg pipes one frame at a time.
/// </summary>
public static class FrameArchive
{
    public const string FileExtension = ".mkv";

    public const int DefaultFps = 25;

    /// <summary>Writes every frame of <paramref name="frames"/> to <paramref name="path"/>; returns how many.</summary>
    public static async Task<int> WriteAllAsync(
        IEnumerable<RgbaFrame> frames, string path, int width, int height, CancellationToken cancellationToken, int fps = DefaultFps)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var writer = FrameArchiveWriter.Create(path, width, height, fps);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var frame in frames)
            {
                await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return writer.FramesWritten;
        }
    }

    internal static string Size(int width, int height) => string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
}
