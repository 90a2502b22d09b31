using Sonic.Inference.Animation;
using static Sonic.Inference.Tests.SonicEngine.Engine.SonicEngineFixture;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>The portrait's conditioning (CLIP embedding, VAE latent) handed back by one job and reused by the next.</summary>
public sealed class PortraitConditioningTests(SonicEngineFixture models) : IClassFixture<SonicEngineFixture>
{
    private const int Size = 64;

    [Fact]
    public void SecondJob_WithTheKeptConditioning_MakesNoneAndRendersTheSameFrames()
    {
        var portrait = Portrait(Size);
        var speech = Speech(40);
        using var animator = Open(models.Fp32);
        PortraitConditioning? made = null;

        var first = Frames(animator, Request(portrait, speech, 3) with { ConditioningMade = c => made = c });
        Assert.NotNull(made);
        Assert.Equal(Size, made.Side);

        // Round trip through the stored form, as the face cache keeps it.
        var kept = PortraitConditioning.TryDeserialize(made.Serialize())!;
        var madeAgain = false;
        var second = Frames(animator, Request(portrait, speech, 3) with { Conditioning = kept, ConditioningMade = _ => madeAgain = true });

        Assert.False(madeAgain);
        AssertClose(first, second, tolerance: 0);
        Assert.NotNull(animator.Info.ModelFingerprint);
    }

    [Fact]
    public void KeptConditioning_OfAnotherSide_IsMadeAgain()
    {
        var portrait = Portrait(Size);
        using var animator = Open(models.Fp32);
        var wrong = new PortraitConditioning(Size * 2, new float[8], new float[4 * (Size / 4) * (Size / 4)]);
        PortraitConditioning? made = null;

        var frames = Frames(animator, Request(portrait, Speech(30), 2) with { Conditioning = wrong, ConditioningMade = c => made = c });

        Assert.NotNull(made);
        AssertClose(Frames(animator, Request(portrait, Speech(30), 2)), frames, tolerance: 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(13)]
    public void TryDeserialize_OfBytesThatAreNotOne_IsNull(int length) =>
        Assert.Null(PortraitConditioning.TryDeserialize(new byte[length]));
}
