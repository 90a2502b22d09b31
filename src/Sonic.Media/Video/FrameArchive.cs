using System.Globalization;

namespace Sonic.Media.Video;

/// <summary>
/// The intermediate between inference and encoding: crop-size frames in Matroska (<c>frames.mkv</c>), H.264 in RGB
/// (libx264rgb, no YUV conversion or chroma subsampling) at CRF 8: visually lossless (≈ 51 dB PSNR on real
/// 1024 px face frames, far above the final CRF 18 4:2:0 encode) and small. Measured on 231 frames of 1024² here:
/// 14 MB and 3.1 s to write, against 127 MB and 7.9 s for lossless FFV1 and 162 MB for lossless x264 — the archive
/// goes through blob storage twice, so its size matters. Frames are opaque: alpha is dropped and read back as 255.
/// Written and read through ffmpeg pipes one frame at a time.
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
