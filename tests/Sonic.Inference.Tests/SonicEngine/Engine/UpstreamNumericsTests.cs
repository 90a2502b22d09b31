using Sonic.Inference.Animation;
using Sonic.Inference.Faces;
using Sonic.Inference.SonicEngine;
using Sonic.Inference.SonicEngine.Runtime;
using static Sonic.Inference.Tests.SonicEngine.Engine.SonicEngineFixture;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>
/// Where this engine deliberately differs from upstream, <see cref="AnimationRequest.UpstreamNumerics"/> computes as
/// upstream does: the soft face mask, truncated frame bytes, and both motion buckets scaled by dynamic_scale.
/// </summary>
public sealed class UpstreamNumericsTests(SonicEngineFixture models) : IClassFixture<SonicEngineFixture>
{
    [Fact]
    public void SoftFaceMask_ResizedFromTheSourceCrop_HasAHardCoreAndASoftEdge()
    {
        // Cut at 300 px in the source, resized to 128: the rectangle is drawn at 300 px and Lanczos-resized.
        var crop = Portrait(128) with { SourceSide = 300 };

        var hard = SonicReferenceEncoder.FaceMask(crop);
        var soft = SonicReferenceEncoder.SoftFaceMask(crop);

        Assert.Equal(hard.Length, soft.Length);
        Assert.Equal(1f, soft[(64 * 128) + 64], 3);  // the centre of the face
        Assert.Equal(0f, soft[(2 * 128) + 2], 3);    // a corner
        var between = soft.Count(v => v is > 0.02f and < 0.98f);
        Assert.True(between > 50, $"only {between} pixels lie on a soft edge");
        Assert.Equal(0, hard.Count(v => v is > 0f and < 1f));
        Assert.True(soft.Zip(hard).Average(p => Math.Abs(p.First - p.Second)) < 0.05, "the soft mask is the same rectangle");
    }

    [Fact]
    public void SoftFaceMask_CropNotResized_KeepsTheHardEdge_AsUpstreamDoes()
    {
        var crop = Portrait(128) with { SourceSide = 128 };

        Assert.Equal(SonicReferenceEncoder.FaceMask(crop), SonicReferenceEncoder.SoftFaceMask(crop));
    }

    [Fact]
    public void ToRgba_Truncates_OrRounds()
    {
        float[] planar = [0.999f, 0.5f, 0.002f];
        var rounded = new byte[4];
        var truncated = new byte[4];

        SonicAnimator.ToRgba(planar, rounded);
        SonicAnimator.ToRgba(planar, truncated, truncate: true);

        Assert.Equal(new byte[] { 255, 128, 1, 255 }, rounded);
        Assert.Equal(new byte[] { 254, 127, 0, 255 }, truncated);
    }

    [Fact]
    public void Animate_UpstreamNumerics_ScalesBothBucketsByDynamicScale()
    {
        using var animator = Open(models.Fp32);
        var portrait = Portrait(64);
        var speech = Speech(30);

        List<byte[]> Run(float motion, float dynamic, bool upstream)
            => Frames(animator, Request(portrait, speech, 2, motion: motion, dynamic: dynamic) with { UpstreamNumerics = upstream });

        // Upstream ignores motion_scale: any motion scale gives the frames of motion = dynamic (within one level of
        // threaded-reduction rounding); this product's split scales do not.
        AssertClose(Run(1.3f, 1.3f, upstream: true), Run(0.7f, 1.3f, upstream: true), tolerance: 1);
        Assert.Throws<Xunit.Sdk.TrueException>(() => AssertClose(Run(1.3f, 1.3f, upstream: false), Run(0.7f, 1.3f, upstream: false), tolerance: 3));
    }
}
