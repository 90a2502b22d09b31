using Sonic.Inference.Animation;
using Sonic.Inference.Animation.Builtin;
using Sonic.Inference.Faces;

namespace Sonic.Inference.Tests.Animation;

/// <summary>
/// Where the built-in animator opens and shades the mouth, measured on the real portrait with the landmarks the
/// detector gives (mouth keypoint on the lower lip). The earlier rig shaded a blurry band below the keypoint that
/// covered the lower lip and chin like a beard; these tests pin the shade to the gap between the lips.
/// </summary>
public sealed class MouthInteriorTests(BuiltinAnimatorFixture fixture) : IClassFixture<BuiltinAnimatorFixture>
{
    private const int Size = 512;
    private const int LoudFrames = 20;
    private const int Frames = 32;
    private static readonly Lazy<PortraitCrop> Portrait = new(() => PortraitSamples.CloseUpAsDetected(Size));

    [Fact]
    public void LipLineLocator_KeypointOnTheLowerLip_FindsTheLipLineAboveIt()
    {
        var lipLine = LipLineLocator.Locate(Portrait.Value);

        Assert.InRange(lipLine, PortraitSamples.LipLineY - 3, PortraitSamples.LipLineY + 3);
    }

    [Fact]
    public void Animate_LoudFrame_MovesLowerLipAndChinIntactAndDarkensOnlyTheGap_SilentFrameIsTheOriginal()
    {
        var (loud, silent) = LoudAndSilentFrames();
        var original = Portrait.Value.Rgba;
        var face = Portrait.Value.Face;
        var iod = Distance(face.RightEye, face.LeftEye);
        var lipLine = PortraitSamples.LipLineY;
        var mouthX = face.Mouth.X;

        // Below the gap the picture is the original moved down: the lower lip and the chin (0.3–0.45 IOD below the
        // lips; this face's chin ends 0.55 IOD below them, on the dark collar) each match the original at some downward shift, up to the warp's slight stretch (measured residuals
        // 4.4 and 8.6 levels, from sub-pixel shifts across strong edges), and keep their brightness: nothing there
        // darkened. The old rig's band darkened both by tens of levels.
        var lowerLip = Band(mouthX, lipLine + (0.06f * iod), lipLine + (0.2f * iod), 0.08f * iod);
        var chin = Band(mouthX, lipLine + (0.3f * iod), lipLine + (0.45f * iod), 0.08f * iod);
        var (lipShift, lipResidual) = BestShift(original, loud, lowerLip, (int)(0.35f * iod));
        var (chinShift, chinResidual) = BestShift(original, loud, chin, (int)(0.35f * iod));
        var lipDarkening = MeanLuma(original, lowerLip) - MeanLuma(loud, lowerLip.Shifted(lipShift));
        var chinDarkening = MeanLuma(original, chin) - MeanLuma(loud, chin.Shifted(chinShift));
        Assert.True(lipResidual < 8, $"the lower lip differs by {lipResidual:F2} levels from the original at its best shift ({lipShift} px)");
        Assert.True(chinResidual < 12, $"the chin differs by {chinResidual:F2} levels from the original at its best shift ({chinShift} px)");
        Assert.True(Math.Abs(lipDarkening) < 3, $"the lower lip darkened by {lipDarkening:F2} levels");
        Assert.True(Math.Abs(chinDarkening) < 3, $"the chin darkened by {chinDarkening:F2} levels");

        // The opening is speech-sized: at full loudness the lower lip moves 0.08–0.25 IOD.
        Assert.InRange(lipShift / iod, 0.08f, 0.25f);

        // The gap between the upper lip and the moved lower lip is dark (the original there is lower lip, ≈ 150).
        var gap = Band(mouthX, lipLine + (0.1f * lipShift), lipLine + (0.6f * lipShift), 0.1f * iod);
        var gapLuma = MeanLuma(loud, gap);
        Assert.True(gapLuma < 0.5 * MeanLuma(original, gap), $"the gap has luma {gapLuma:F1}, the original there {MeanLuma(original, gap):F1}");

        // Mouth closed again: the mouth region is the original.
        var mouth = Band(mouthX, lipLine - (0.3f * iod), lipLine + (0.6f * iod), 0.5f * iod);
        var closed = mouth.MeanAbsDiff(original, silent, Size);
        Assert.True(closed < 1, $"a closed-mouth frame differs from the photo by {closed:F2} levels around the mouth");
    }

    private (byte[] Loud, byte[] Silent) LoudAndSilentFrames()
    {
        var audio = SyntheticFeatures.From(Frames, t => t < LoudFrames ? (1f, 0.3f, 0f, t % 5 == 0 ? 1f : 0.3f) : (0f, 0f, 0f, 0f));
        var request = new AnimationRequest(Portrait.Value, audio, 1f, 0f, 7, 25);
        byte[]? loud = null;
        byte[]? silent = null;
        foreach (var frame in fixture.Animator.Animate(request, CancellationToken.None))
        {
            if (frame.Index == LoudFrames - 1)
            {
                loud = (byte[])frame.Pixels.Clone();
            }
            else if (frame.Index == Frames - 1)
            {
                silent = (byte[])frame.Pixels.Clone();
            }
        }

        return (loud!, silent!);
    }

    private static PixelBox Band(float centreX, float top, float bottom, float halfWidth)
        => new((int)(centreX - halfWidth), (int)top, (int)(centreX + halfWidth), (int)bottom);

    /// <summary>The downward shift (pixels) at which the frame's box best matches the original, and the residual.</summary>
    private static (int Shift, double Residual) BestShift(byte[] original, byte[] frame, PixelBox box, int maxShift)
        => Enumerable.Range(0, maxShift + 1)
            .Select(shift => (Shift: shift, Residual: MeanAbsDiffShifted(original, frame, box, shift)))
            .MinBy(s => s.Residual);

    /// <summary>Original pixels in <paramref name="box"/> against the frame's pixels <paramref name="shift"/> rows lower.</summary>
    private static double MeanAbsDiffShifted(byte[] original, byte[] frame, PixelBox box, int shift)
    {
        long sum = 0;
        for (var y = box.Top; y < box.Bottom; y++)
        {
            for (var x = box.Left; x < box.Right; x++)
            {
                var i = ((y * Size) + x) * 4;
                var j = i + (shift * Size * 4);
                sum += Math.Abs(original[i] - frame[j]) + Math.Abs(original[i + 1] - frame[j + 1]) + Math.Abs(original[i + 2] - frame[j + 2]);
            }
        }

        return (double)sum / (3L * (box.Right - box.Left) * (box.Bottom - box.Top));
    }

    private static double MeanLuma(byte[] rgba, PixelBox box)
    {
        double sum = 0;
        for (var y = box.Top; y < box.Bottom; y++)
        {
            for (var x = box.Left; x < box.Right; x++)
            {
                var i = ((y * Size) + x) * 4;
                sum += (0.299 * rgba[i]) + (0.587 * rgba[i + 1]) + (0.114 * rgba[i + 2]);
            }
        }

        return sum / ((box.Right - box.Left) * (box.Bottom - box.Top));
    }

    private static float Distance(PointF2 a, PointF2 b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
