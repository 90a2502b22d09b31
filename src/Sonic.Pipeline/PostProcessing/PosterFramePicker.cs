using Sonic.Media.Video;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// Chooses the poster frame while the frames stream past. The portrait the animator started from is the face at rest
/// (mouth closed, eyes open, as nearly every portrait is taken), so each crop is scored by how far its mouth box and
/// its eye box are from the portrait's (mean absolute luma difference; the crops may be another size, boxes are
/// fractions). Two numbers per frame are kept, never a frame. <see cref="Choose"/> returns the first frame whose eyes
/// are as open as usual and whose mouth is as closed as the clip gets. Counting dark or bright pixels was tried first
/// and looked at: on a bearded face it chose frames with the teeth showing.
/// </summary>
public sealed class PosterFramePicker
{
    private readonly RegionF mouth;
    private readonly RegionF eyes;
    private readonly int referenceSide;
    private readonly byte[] referenceRgba;
    private readonly List<(double Mouth, double Eyes)> scores = [];
    private (int Side, float[] Mouth, float[] Eyes)? reference;

    /// <param name="referenceRgba">The portrait crop (RGBA, <paramref name="referenceSide"/> square) the animator was given.</param>
    public PosterFramePicker(RegionF mouth, RegionF eyes, int referenceSide, byte[] referenceRgba)
    {
        ArgumentNullException.ThrowIfNull(referenceRgba);
        ArgumentOutOfRangeException.ThrowIfNotEqual(referenceRgba.Length, referenceSide * referenceSide * 4, nameof(referenceRgba));
        (this.mouth, this.eyes, this.referenceSide, this.referenceRgba) = (mouth, eyes, referenceSide, referenceRgba);
    }

    public int FramesSeen => scores.Count;

    public void Add(RgbaFrame crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        if (reference?.Side != crop.Width)
        {
            reference = (crop.Width, ReferenceLuma(mouth, crop.Width), ReferenceLuma(eyes, crop.Width));
        }

        scores.Add((Difference(crop, mouth, reference.Value.Mouth), Difference(crop, eyes, reference.Value.Eyes)));
    }

    /// <summary>
    /// Eyes open: no further from the portrait's than 1.25 × the clip's median (blinks are the rare frames far above
    /// it). Mouth closed: within a tenth of the way from the clip's closest mouth to its median. The first frame with
    /// both; else the closest mouth among open-eyed frames; else frame 0.
    /// </summary>
    public int Choose()
    {
        if (scores.Count == 0)
        {
            return 0;
        }

        var eyeLevels = scores.Select(s => s.Eyes).Order().ToList();
        var eyesOpen = (eyeLevels[eyeLevels.Count / 2] * 1.25) + 1e-9;
        var mouthLevels = scores.Select(s => s.Mouth).Order().ToList();
        var closed = mouthLevels[0] + (0.1 * (mouthLevels[mouthLevels.Count / 2] - mouthLevels[0])) + 1e-9;
        var best = -1;
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i].Eyes > eyesOpen)
            {
                continue;
            }

            if (scores[i].Mouth <= closed)
            {
                return i;
            }

            if (best < 0 || scores[i].Mouth < scores[best].Mouth)
            {
                best = i;
            }
        }

        return Math.Max(best, 0);
    }

    /// <summary>The portrait's luma in <paramref name="region"/>, sampled at the pixels a crop of <paramref name="side"/> has there.</summary>
    private float[] ReferenceLuma(RegionF region, int side)
    {
        var (left, top, right, bottom) = region.Pixels(side);
        var values = new float[(right - left) * (bottom - top)];
        var k = 0;
        for (var y = top; y < bottom; y++)
        {
            var ry = Math.Min(referenceSide - 1, (int)((y + 0.5) * referenceSide / side));
            for (var x = left; x < right; x++)
            {
                var rx = Math.Min(referenceSide - 1, (int)((x + 0.5) * referenceSide / side));
                values[k++] = Luma(referenceRgba, ((ry * referenceSide) + rx) * 4);
            }
        }

        return values;
    }

    private static double Difference(RgbaFrame crop, RegionF region, float[] reference)
    {
        var (left, top, right, bottom) = region.Pixels(crop.Width);
        double sum = 0;
        var k = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                sum += Math.Abs(Luma(crop.Pixels, ((y * crop.Width) + x) * 4) - reference[k++]);
            }
        }

        return sum / Math.Max(1, k);
    }

    private static float Luma(byte[] rgba, int i) => (0.299f * rgba[i]) + (0.587f * rgba[i + 1]) + (0.114f * rgba[i + 2]);
}
