
namespace Sonic.Testing;

/// <summary>
/// Measures motion inside a region of a video: ffmpeg decodes it to 8-bit grey frames on a pipe (streamed, one
/// frame in memory) and we take the mean absolute difference between consecutive frames inside the region.
/// </summary>
public static class FrameMotion
{
    /// <summary>Per-frame motion (index i = difference between frame i and i−1; index 0 is 0).</summary>
    public static IReadOnlyList<double> InRegion(string videoPath, int width, int height, int x, int y, int w, int h)
    {
        using var process = ToolProcess.Start("ffmpeg", ["-v", "error", "-i", videoPath, "-f", "rawvideo", "-pix_fmt", "gray", "-"]);
        var stderr = process.StandardError.ReadToEndAsync();
        var stream = process.StandardOutput.BaseStream;
        var frameSize = width * height;
        var current = new byte[frameSize];
        var previous = new byte[frameSize];
        var result = new List<double>();
        while (ReadFull(stream, current))
        {
            if (result.Count == 0)
            {
                result.Add(0);
            }
            else
            {
                long sum = 0;
                for (var row = y; row < y + h; row++)
                {
                    for (var col = x; col < x + w; col++)
                    {
                        var i = (row * width) + col;
                        sum += Math.Abs(current[i] - previous[i]);
                    }
                }

                result.Add(sum / (double)(w * h));
            }

            (previous, current) = (current, previous);
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed to decode " + videoPath + ": " + stderr.Result);
        }

        return result;
    }

    private static bool ReadFull(Stream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
