namespace Sonic.Inference.SonicEngine;

/// <summary>
/// The scalar maths of one deterministic Euler step with a v-prediction network, as in diffusers v0.29
/// <c>EulerDiscreteScheduler</c> (EDM preconditioning used by SVD): no churn, no noise injection, fp32 latents.
/// </summary>
public static class EulerVPredictionStep
{
    /// <summary>Scale applied to the latents before the UNet: c_in = 1/√(σ²+1).</summary>
    public static double InputScale(double sigma) => 1.0 / Math.Sqrt((sigma * sigma) + 1.0);

    /// <summary>The UNet's timestep input: c_noise = ¼·ln σ.</summary>
    public static double NoiseConditioning(double sigma) => 0.25 * Math.Log(sigma);

    /// <summary>Predicted clean sample from a v-prediction: x0 = −σ/√(σ²+1)·v + x/(σ²+1).</summary>
    public static double Denoised(double x, double v, double sigma)
    {
        var s2 = (sigma * sigma) + 1.0;
        return (-sigma / Math.Sqrt(s2) * v) + (x / s2);
    }

    /// <summary>Euler update x ← x + (x − x0)/σ · (σnext − σ).</summary>
    public static double Step(double x, double v, double sigma, double sigmaNext)
    {
        var x0 = Denoised(x, v, sigma);
        return x + ((x - x0) / sigma * (sigmaNext - sigma));
    }

    /// <summary>
    /// The step as x·<c>Latent</c> + v·<c>Velocity</c>: with x0 = −σ/√s2·v + x/s2, d = σnext − σ, s2 = σ²+1,
    /// x + (x − x0)/σ·d = x·(1 + (1 − 1/s2)·d/σ) + v·(d/√s2). Computed in double, applied in fp32.
    /// </summary>
    public static (float Latent, float Velocity) Coefficients(double sigma, double sigmaNext)
    {
        var s2 = (sigma * sigma) + 1.0;
        var d = sigmaNext - sigma;
        return ((float)(1.0 + ((1.0 - (1.0 / s2)) * d / sigma)), (float)(d / Math.Sqrt(s2)));
    }

    /// <summary>
    /// Applies <see cref="Step"/> element-wise: <paramref name="latents"/> (x at σ) and <paramref name="velocity"/>
    /// (guided v) → <paramref name="destination"/>. The per-element form folds into x·a + v·b with constants.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> latents, ReadOnlySpan<float> velocity, double sigma, double sigmaNext, Span<float> destination)
    {
        if (velocity.Length != latents.Length || destination.Length != latents.Length)
        {
            throw new ArgumentException("Latents, velocity and destination must have the same length.", nameof(velocity));
        }

        var (a, b) = Coefficients(sigma, sigmaNext);
        for (var i = 0; i < latents.Length; i++)
        {
            destination[i] = (latents[i] * a) + (velocity[i] * b);
        }
    }
}
