namespace Sonic.Inference.SonicEngine;

/// <summary>
/// The Karras et al. (2022) noise levels that Sonic's Euler sampler walks down (diffusers v0.29
/// <c>EulerDiscreteScheduler</c> with <c>use_karras_sigmas</c>, as configured by SVD-xt: ρ = 7, σ 0.002…700),
/// followed by a final 0 so the last step lands on the clean sample.
/// </summary>
public static class KarrasSigmaSchedule
{
    public const double SigmaMin = 0.002;
    public const double SigmaMax = 700.0;
    public const double Rho = 7.0;

    /// <summary>Returns <paramref name="steps"/> + 1 values: σ0 = σmax … σ(steps−1) = σmin, then 0.</summary>
    public static double[] Create(int steps, double sigmaMin = SigmaMin, double sigmaMax = SigmaMax, double rho = Rho)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var sigmas = new double[steps + 1];
        var maxInvRho = Math.Pow(sigmaMax, 1.0 / rho);
        var minInvRho = Math.Pow(sigmaMin, 1.0 / rho);
        for (var k = 0; k < steps; k++)
        {
            // With one step the ramp is just σmax (diffusers' linspace(0, 1, 1) is [0]).
            var ramp = steps == 1 ? 0.0 : (double)k / (steps - 1);
            sigmas[k] = Math.Pow(maxInvRho + (ramp * (minInvRho - maxInvRho)), rho);
        }

        sigmas[steps] = 0.0;
        return sigmas;
    }
}
