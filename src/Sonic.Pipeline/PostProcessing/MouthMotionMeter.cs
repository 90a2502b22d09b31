using System.Runtime.CompilerServices;
using Sonic.Media.Video;
using Sonic.Pipeline.Compositing;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// Per frame, the mean absolute luma difference inside the mouth box from the previous frame (index 0 is 0). Keeps
/// only the previous box's luma and one double per frame, so memory stays tiny for any length.
/// </summary>
public sealed class MouthMotionMeter(RegionF mouth)
{
    private readonly List<double> _motion = [];
    private float[] _previous = [];
    private float[] _current = [];
    private float[] _lumaRows = [];
    private bool _hasPrevious;

    public IReadOnlyList<double> Motion => _motion;

    public void Add(RgbaFrame crop) => Add(crop, CropCorrection.Identity);

    /// <summary>
    /// Measures the crop as it will be shown, with motion smoothing's <paramref name="correction"/> applied on the
    /// fly (bilinear shift, gains folded into the luma weights) — only the mouth box is sampled, the frame itself is
    /// never corrected here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(RgbaFrame crop, in CropCorrection correction)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var (left, top, right, bottom) = mouth.Pixels(crop.Width);
        var (boxWidth, boxHeight) = (right - left, bottom - top);
        var size = boxWidth * boxHeight;
        if (_current.Length != size)
        {
            (_previous, _current, _lumaRows) = (new float[size], new float[size], new float[2 * (boxWidth + 1)]);
            _hasPrevious = false;
        }

        // Shown pixel (x, y) = crop(x − shift): bilinear between source rows y + iy and y + iy + 1 and columns
        // x + ix and x + ix + 1, edges clamped as in paste-back.
        var (sx, sy) = (-correction.ShiftX, -correction.ShiftY);
        var (ix, iy) = ((int)Math.Floor(sx), (int)Math.Floor(sy));
        var (fx, fy) = ((float)(sx - ix), (float)(sy - iy));
        var weights = (R: 77f / 256 * correction.GainR, G: 150f / 256 * correction.GainG, B: 29f / 256 * correction.GainB);
        var upper = _lumaRows.AsSpan(0, boxWidth + 1);
        var lower = _lumaRows.AsSpan(boxWidth + 1, boxWidth + 1);
        var current = _current.AsSpan();
        for (var y = top; y < bottom; y++)
        {
            var shown = current.Slice((y - top) * boxWidth, boxWidth);
            LumaRow(crop, y + iy, left + ix, weights, upper);
            if (fy == 0)
            {
                for (var x = 0; x < shown.Length; x++)
                {
                    shown[x] = upper[x] + (fx * (upper[x + 1] - upper[x]));
                }

                continue;
            }

            LumaRow(crop, y + iy + 1, left + ix, weights, lower);
            for (var x = 0; x < shown.Length; x++)
            {
                var above = upper[x] + (fx * (upper[x + 1] - upper[x]));
                var below = lower[x] + (fx * (lower[x + 1] - lower[x]));
                shown[x] = above + (fy * (below - above));
            }
        }

        if (!_hasPrevious)
        {
            _motion.Add(0);
        }
        else
        {
            double sum = 0;
            var previous = _previous;
            for (var i = 0; i < current.Length; i++)
            {
                sum += Math.Abs(current[i] - previous[i]);
            }

            _motion.Add(sum / current.Length);
        }

        (_previous, _current) = (_current, _previous);
        _hasPrevious = true;
    }

    /// <summary>BT.601 luma (weights 77/150/29 of 256, times the gains) of row <paramref name="y"/> from column <paramref name="x"/> on, both clamped into the crop.</summary>
    private static void LumaRow(RgbaFrame crop, int y, int x, (float R, float G, float B) weights, Span<float> luma)
    {
        var pixels = crop.Pixels;
        var row = Math.Clamp(y, 0, crop.Height - 1) * crop.Width;
        for (var i = 0; i < luma.Length; i++)
        {
            var o = (row + Math.Clamp(x + i, 0, crop.Width - 1)) * 4;
            luma[i] = (weights.R * pixels[o]) + (weights.G * pixels[o + 1]) + (weights.B * pixels[o + 2]);
        }
    }
}
