using System.Security.Cryptography;
using Sonic.Inference.Animation;
using Sonic.Media.Audio;
using Sonic.Media.Errors;
using Sonic.Media.Video;

namespace Sonic.Inference.Tests.Animation;

public sealed class BuiltinAnimatorTests(BuiltinAnimatorFixture fixture) : IClassFixture<BuiltinAnimatorFixture>
{
    private const int Size = 512;
    private const int BurstPeriod = 10;
    private static readonly Lazy<PortraitCrop> Portrait = new(() => PortraitSamples.CloseUp(Size));

    [Fact]
    public void Info_LabelsItselfAsTheBuiltinFallbackNotSonic_AndNamesTheProvider()
    {
        var info = fixture.Animator.Info;

        Assert.Equal("builtin", info.Name);
        Assert.False(info.IsSonic);
        Assert.Contains("not Sonic", info.Description, StringComparison.Ordinal);
        Assert.Contains("fallback", info.Description, StringComparison.Ordinal);
        Assert.Contains(info.ExecutionProvider, new[] { "CPU", "CUDA" });
    }

    [Fact]
    public void Animate_SevenFeatureRows_StreamsSevenCropSizedFramesInOrderReusingOneBuffer()
    {
        var portrait = PortraitSamples.CloseUp(256);
        var request = new AnimationRequest(portrait, SyntheticFeatures.Bursts(7, 2), 1.1f, 1.05f, 1, 25);

        var seen = new List<(int Index, RgbaFrame Frame)>();
        foreach (var frame in fixture.Animator.Animate(request, CancellationToken.None))
        {
            Assert.Equal(256, frame.Width);
            Assert.Equal(256, frame.Height);
            Assert.Equal(256 * 256 * 4, frame.Pixels.Length);
            seen.Add((frame.Index, frame));
        }

        Assert.Equal(Enumerable.Range(0, 7), seen.Select(s => s.Index));
        Assert.Single(seen.Select(s => s.Frame).Distinct());
    }

    [Fact]
    public void Animate_SameSeed_GivesIdenticalBytes_DifferentSeed_GivesDifferentHeadMotion()
    {
        var audio = SyntheticFeatures.Bursts(30, BurstPeriod);

        var first = Hashes(Request(audio, seed: 11));
        var again = Hashes(Request(audio, seed: 11));
        Assert.Equal(first, again);

        // Head motion moves the nose; the mouth opens the same for both seeds, the nose only moves with the head.
        var nose = PixelBox(Portrait.Value.Face.Nose, 0.2f);
        var other = MeanDiffPerFrame(Request(audio, seed: 11), Request(audio, seed: 12), nose).Average();
        Assert.True(other > 1.0, $"seeds 11 and 12 differ by only {other:F2} levels around the nose");
    }

    [Fact]
    public void Animate_LoudFrames_ChangeTheMouthFarMoreThanSilentFrames_WhileTheCornerStaysStill()
    {
        var audio = SyntheticFeatures.Bursts(60, BurstPeriod);
        var mouth = PixelBox(Portrait.Value.Face.Mouth, 0.35f);
        // The outermost 24 px of the top-left corner (the flag's stars): this crop is tight, the cap reaches the top
        // edge, and the head's fall-off reaches 40 px in from the corners (measured 1.3–2.8 levels there, 0.2–0.3 here).
        var corner = new PixelBox(0, 0, 24, 24);

        var mouthDiff = DiffFromPortrait(Request(audio, motionScale: 0f), mouth);
        var loud = Frames(60).Where(t => SyntheticFeatures.IsLoud(t, BurstPeriod) && t % BurstPeriod >= 2).Average(t => mouthDiff[t]);
        var silent = Frames(60).Where(t => !SyntheticFeatures.IsLoud(t, BurstPeriod) && t % BurstPeriod >= 4).Average(t => mouthDiff[t]);
        Assert.True(loud > 5, $"loud frames change the mouth by only {loud:F2} levels");
        Assert.True(loud > 4 * silent, $"loud {loud:F2} vs silent {silent:F2} levels around the mouth");

        // Even at the largest head motion the corner barely moves and the outermost rows (the paste-back seam) not at all.
        var seam = new PixelBox(0, 0, Size, 1);
        var moving = Request(audio, motionScale: 2f);
        var frames = fixture.Animator.Animate(moving, CancellationToken.None)
            .Select(f => (Corner: corner.MeanAbsDiff(Portrait.Value.Rgba, f.Pixels, Size), Seam: seam.MeanAbsDiff(Portrait.Value.Rgba, f.Pixels, Size)))
            .ToList();
        Assert.True(frames.Max(f => f.Corner) < 1.0, $"the corner changed by up to {frames.Max(f => f.Corner):F2} levels");
        Assert.True(frames.Max(f => f.Seam) < 0.1, $"the top rows changed by up to {frames.Max(f => f.Seam):F2} levels");
    }

    [Fact]
    public void Animate_DynamicScaleTwo_MovesTheMouthMoreThanHalf()
    {
        var audio = SyntheticFeatures.Bursts(30, BurstPeriod);
        var mouth = PixelBox(Portrait.Value.Face.Mouth, 0.35f);

        var strong = DiffFromPortrait(Request(audio, dynamicScale: 2f, motionScale: 0f), mouth).Average();
        var weak = DiffFromPortrait(Request(audio, dynamicScale: 0.5f, motionScale: 0f), mouth).Average();

        Assert.True(strong > 1.5 * weak, $"dynamic_scale 2.0: {strong:F2}, 0.5: {weak:F2} levels around the mouth");
    }

    [Fact]
    public void Animate_MotionScaleTwo_MovesTheHeadMoreThanHalf()
    {
        var audio = SyntheticFeatures.Silence(40);
        var nose = PixelBox(Portrait.Value.Face.Nose, 0.2f);

        var strong = DiffFromPortrait(Request(audio, motionScale: 2f), nose).Average();
        var weak = DiffFromPortrait(Request(audio, motionScale: 0.5f), nose).Average();

        Assert.True(strong > 1.5 * weak, $"motion_scale 2.0: {strong:F2}, 0.5: {weak:F2} levels around the nose");
    }

    [Fact]
    public void Animate_CancelledAfterThreeFrames_StopsTheStream()
    {
        using var cancellation = new CancellationTokenSource();
        var produced = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var frame in fixture.Animator.Animate(Request(SyntheticFeatures.Bursts(50, BurstPeriod)), cancellation.Token))
            {
                if (++produced == 3)
                {
                    cancellation.Cancel();
                }
            }
        });
        Assert.Equal(3, produced);
    }

    [Fact]
    public void Animate_NegativeDynamicScale_ThrowsInvalidParameterBeforeStreaming()
    {
        var request = Request(SyntheticFeatures.Silence(3), dynamicScale: -1f);

        var error = Assert.Throws<SonicJobException>(() => fixture.Animator.Animate(request, CancellationToken.None));

        Assert.Equal(ErrorCodes.InvalidParameter, error.Code);
    }

    private static AnimationRequest Request(AudioFeatures audio, float dynamicScale = 1.1f, float motionScale = 1.05f, int seed = 72589)
        => new(Portrait.Value, audio, dynamicScale, motionScale, seed, 25);

    private static PixelBox PixelBox(Sonic.Inference.Faces.PointF2 centre, float iodFraction)
    {
        var face = Portrait.Value.Face;
        var iod = MathF.Sqrt(MathF.Pow(face.LeftEye.X - face.RightEye.X, 2) + MathF.Pow(face.LeftEye.Y - face.RightEye.Y, 2));
        return PortraitSamples.Around(centre, iod * iodFraction, Size);
    }

    private static IEnumerable<int> Frames(int count) => Enumerable.Range(0, count);

    private List<string> Hashes(AnimationRequest request)
        => [.. fixture.Animator.Animate(request, CancellationToken.None).Select(f => Convert.ToHexString(SHA256.HashData(f.Pixels)))];

    private List<double> DiffFromPortrait(AnimationRequest request, PixelBox box)
        => [.. fixture.Animator.Animate(request, CancellationToken.None).Select(f => box.MeanAbsDiff(Portrait.Value.Rgba, f.Pixels, Size))];

    private List<double> MeanDiffPerFrame(AnimationRequest a, AnimationRequest b, PixelBox box)
    {
        // The stream reuses its buffer, so keep a copy of each frame of the first run (30 frames at 512² is 31 MB).
        var first = fixture.Animator.Animate(a, CancellationToken.None).Select(f => (byte[])f.Pixels.Clone()).ToList();
        return [.. fixture.Animator.Animate(b, CancellationToken.None).Select((f, i) => box.MeanAbsDiff(first[i], f.Pixels, Size))];
    }
}
