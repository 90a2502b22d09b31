using Sonic.Media.Video;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// Per frame, the mean absolute luma difference inside the mouth box from the previous frame (index 0 is 0). Keeps
/// only the previous box's luma and one double per frame, so memory stays tiny for any length.
/// </summary>
public sealed class MouthMotionMeter(RegionF mouth)
{
    private readonly List<double> _motion = [];
    private byte[]? _previous;

    public IReadOnlyList<double> Motion => _motion;

    public void Add(RgbaFrame crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var (left, top, right, bottom) = mouth.Pixels(crop.Width);
        var current = new byte[(right - left) * (bottom - top)];
        var pixels = crop.Pixels;
        var k = 0;
        for (var y = top; y < bottom; y++)
        {
            var row = ((y * crop.Width) + left) * 4;
            for (var x = left; x < right; x++, row += 4)
            {
                current[k++] = Luma(pixels[row], pixels[row + 1], pixels[row + 2]);
            }
        }

        if (_previous is null || _previous.Length != current.Length)
        {
            _motion.Add(0);
        }
        else
        {
            long sum = 0;
            for (var i = 0; i < current.Length; i++)
            {
                sum += Math.Abs(current[i] - _previous[i]);
            }

            _motion.Add(sum / (double)current.Length);
        }

        _previous = current;
    }

    /// <summary>BT.601 luma in integers (weights 77/150/29 of 256).</summary>
    internal static byte Luma(byte r, byte g, byte b) => (byte)(((77 * r) + (150 * g) + (29 * b)) >> 8);
}
