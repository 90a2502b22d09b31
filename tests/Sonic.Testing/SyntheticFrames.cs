using Sonic.Media.Video;

namespace Sonic.Testing;

/// <summary>Generated video frames for tests: lazily, into one reused <see cref="RgbaFrame"/>, like a real producer.</summary>
public static class SyntheticFrames
{
    /// <summary>A diagonal colour gradient that shifts by a few pixels each frame, so the encoder sees motion.</summary>
    public static IEnumerable<RgbaFrame> MovingGradient(int width, int height, int count)
    {
        var frame = new RgbaFrame(width, height);
        for (var i = 0; i < count; i++)
        {
            var pixels = frame.Pixels;
            var shift = i * 4;
            for (var y = 0; y < height; y++)
            {
                var row = y * width * 4;
                for (var x = 0; x < width; x++)
                {
                    var p = row + (x * 4);
                    pixels[p] = (byte)((x + shift) * 255 / width);
                    pixels[p + 1] = (byte)((y + shift) * 255 / height);
                    pixels[p + 2] = (byte)((x + y + (2 * shift)) & 0xFF);
                    pixels[p + 3] = 255;
                }
            }

            frame.Index = i;
            yield return frame;
        }
    }

    /// <summary>A frame of one colour (opaque).</summary>
    public static RgbaFrame Solid(int width, int height, byte r, byte g, byte b)
    {
        var frame = new RgbaFrame(width, height);
        for (var p = 0; p < frame.Pixels.Length; p += 4)
        {
            frame.Pixels[p] = r;
            frame.Pixels[p + 1] = g;
            frame.Pixels[p + 2] = b;
            frame.Pixels[p + 3] = 255;
        }

        return frame;
    }
}
