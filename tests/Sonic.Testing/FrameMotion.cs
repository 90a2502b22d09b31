
namespace Sonic.Testing;

/// <summary>
/// Measures a region of a video frame by frame: ffmpeg decodes it to 8-bit grey frames on a pipe (streamed, one
/// frame in memory); motion is the mean absolute difference between consecutive frames inside the region.
/// </summary>
public static class FrameMotion
{
    /// <summary>Per-frame motion (index i = difference between frame i and i−1; index 0 is 0).</summary>
    public static IReadOnlyList<double> InRegion(string videoPath, int width, int height, int x, int y, int w, int h)
    {
        var previous = new byte[width * height];
        var result = new List<double>();
        foreach (var current in GreyFrames(videoPath, width, height))
        {
            result.Add(result.Count == 0 ? 0 : SumInRegion(current, previous, width, x, y, w, h) / (double)(w * h));
            current.CopyTo(previous, 0);
        }

        return result;
    }

    /// <summary>Per-frame mean grey level inside the region.</summary>
    public static IReadOnlyList<double> MeanInRegion(string videoPath, int width, int height, int x, int y, int w, int h)
        => [.. GreyFrames(videoPath, width, height).Select(frame => SumInRegion(frame, null, width, x, y, w, h) / (double)(w * h))];

    /// <summary>Σ |current − previous| over the region, or Σ current when there is no previous frame.</summary>
    private static long SumInRegion(byte[] current, byte[]? previous, int width, int x, int y, int w, int h)
    {
        long sum = 0;
        for (var row = y; row < y + h; row++)
        {
            for (var col = x; col < x + w; col++)
            {
                var i = (row * width) + col;
                sum += previous is null ? current[i] : Math.Abs(current[i] - previous[i]);
            }
        }

        return sum;
    }

    /// <summary>The decoded frames, one reused buffer; throws with ffmpeg's stderr when decoding fails.</summary>
    public static IEnumerable<byte[]> GreyFrames(string videoPath, int width, int height)
    {
        using var process = ToolProcess.Start("ffmpeg", ["-v", "error", "-i", videoPath, "-f", "rawvideo", "-pix_fmt", "gray", "-"]);
        var stderr = process.StandardError.ReadToEndAsync();
        var frame = new byte[width * height];
        while (ReadFull(process.StandardOutput.BaseStream, frame))
        {
            yield return frame;
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed to decode " + videoPath + ": " + stderr.Result);
        }
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
