using Sonic.Inference.SonicEngine;

namespace Sonic.Inference.Tests.SonicEngine;

public sealed class SamplerMathTests
{
    [Fact]
    public void Create_TwentyFiveSteps_MatchesThePublishedKarrasSigmas()
    {
        var sigmas = KarrasSigmaSchedule.Create(25);

        Assert.Equal(26, sigmas.Length);
        Assert.Equal(700.0, sigmas[0], 6);
        Assert.Equal(545.73, sigmas[1], 2);
        Assert.Equal(421.57, sigmas[2], 2);
        Assert.Equal(0.0248, sigmas[22], 4);
        Assert.Equal(0.0079, sigmas[23], 4);
        Assert.Equal(0.002, sigmas[24], 9);
        Assert.Equal(0.0, sigmas[25]);
    }

    [Fact]
    public void Create_AnyStepCount_DecreasesStrictlyToZero()
    {
        var sigmas = KarrasSigmaSchedule.Create(7);

        for (var i = 1; i < sigmas.Length; i++)
        {
            Assert.True(sigmas[i] < sigmas[i - 1], $"sigma {i} = {sigmas[i]} is not below {sigmas[i - 1]}");
        }
    }

    [Fact]
    public void InputScaleAndNoiseConditioning_KnownSigma_FollowTheEdmFormulas()
    {
        Assert.Equal(1.0 / Math.Sqrt(9.0 + 1.0), EulerVPredictionStep.InputScale(3.0), 12);
        Assert.Equal(1.0, EulerVPredictionStep.InputScale(0.0), 12);
        Assert.Equal(0.25 * 6.551080335043404, EulerVPredictionStep.NoiseConditioning(700.0), 9); // ln 700
    }

    [Theory]
    [InlineData(700.0, 545.73, 0.3, -1.2)]
    [InlineData(2.5, 1.1, -0.8, 0.4)]
    [InlineData(0.002, 0.0, 1.7, 0.05)]
    public void Denoised_TrueVelocity_RecoversTheCleanSample(double sigma, double sigmaNext, double clean, double noise)
    {
        // x = x0 + σε; in the scaled space x·c_in = αx0 + sε with α = 1/√(σ²+1), s = σ/√(σ²+1); v = αε − s·x0.
        var x = clean + (sigma * noise);
        var alpha = 1.0 / Math.Sqrt((sigma * sigma) + 1.0);
        var s = sigma * alpha;
        var v = (alpha * noise) - (s * clean);

        Assert.Equal(clean, EulerVPredictionStep.Denoised(x, v, sigma), 9);

        // The probability-flow ODE is linear in σ for a fixed x0, so one Euler step with the true v is exact.
        Assert.Equal(clean + (sigmaNext * noise), EulerVPredictionStep.Step(x, v, sigma, sigmaNext), 6);
    }

    [Fact]
    public void Apply_ManyElements_EqualsTheScalarStepForEach()
    {
        float[] x = [1.5f, -300f, 0.25f, 42f];
        float[] v = [0.1f, 2f, -0.7f, 0f];
        var destination = new float[4];

        EulerVPredictionStep.Apply(x, v, 421.57, 326.0, destination);

        for (var i = 0; i < x.Length; i++)
        {
            var expected = EulerVPredictionStep.Step(x[i], v[i], 421.57, 326.0);
            Assert.Equal(expected, destination[i], Math.Abs(expected) * 1e-5);
        }
    }

    [Fact]
    public void Combine_ThreeBranches_AppliesImageThenAudioGuidance()
    {
        // u | a | c for two elements.
        float[] batch = [1f, -2f, 3f, 0f, 4f, 1f];
        var guided = new float[2];

        ThreeBranchGuidance.Combine(batch, guided);

        Assert.Equal(1f + (2.0f * (3f - 1f)) + (7.5f * (4f - 3f)), guided[0]); // 12.5
        Assert.Equal(-2f + (2.0f * (0f + 2f)) + (7.5f * (1f - 0f)), guided[1]); // 9.5
    }

    [Fact]
    public void Combine_ScalesOfOne_ReturnTheConditionalBranch()
    {
        float[] batch = [5f, 6f, 7f];
        var guided = new float[1];

        ThreeBranchGuidance.Combine(batch, guided, 1f, 1f);

        Assert.Equal(7f, guided[0]);
    }
}
