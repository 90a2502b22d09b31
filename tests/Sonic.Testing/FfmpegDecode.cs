using System.Globalization;
using Sonic.Media.Video;

namespace Sonic.Testing;

/// <summary>Decodes frames of a video back to RGBA with the real ffmpeg, for pixel statistics in tests.</summary>
public static class FfmpegDecode
{
    /// <summary>The frame at <paramref name="frameIndex"/> as tightly packed RGBA (width×height×4 bytes).</summary>
    public static async Task<byte[]> FrameRgbaAsync(string path, int frameIndex, int width, int height, CancellationToken cancellationToken = default)
    {
        var tools = FfmpegEnvironment.EnsureConfigured();
        string[] arguments =
        [
            "-v", "error", "-i", path,
            "-vf", "select=eq(n\\," + frameIndex.ToString(CultureInfo.InvariantCulture) + ")",
            "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1",
        ];

        using var process = ToolProcess.Start(tools.FfmpegPath, arguments);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var buffer = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(buffer, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var bytes = buffer.ToArray();
        if (process.ExitCode != 0 || bytes.Length != width * height * 4)
        {
            throw new MediaToolException(
                $"Decoding frame {frameIndex} of {path} gave {bytes.Length} bytes, expected {width * height * 4}.", await stderr, process.ExitCode);
        }

        return bytes;
    }
}
