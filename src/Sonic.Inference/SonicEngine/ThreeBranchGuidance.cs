namespace Sonic.Inference.SonicEngine;

/// <summary>
/// Sonic's classifier-free guidance over three UNet branches run in one batch:
/// u = nothing, a = image only (unconditional audio), c = image + audio.
/// v = v_u + image·(v_a − v_u) + audio·(v_c − v_a).
/// </summary>
public static class ThreeBranchGuidance
{
    public const float DefaultImageScale = 2.0f;
    public const float DefaultAudioScale = 7.5f;

    /// <summary>
    /// <paramref name="batchedVelocity"/> holds the three branches back to back [u | a | c], each
    /// <paramref name="destination"/>.Length long.
    /// </summary>
    public static void Combine(ReadOnlySpan<float> batchedVelocity, Span<float> destination, float imageScale = DefaultImageScale, float audioScale = DefaultAudioScale)
    {
        var n = destination.Length;
        if (batchedVelocity.Length != 3 * n)
        {
            throw new ArgumentException("The batch must hold exactly three branches of the destination's length.", nameof(batchedVelocity));
        }

        var u = batchedVelocity[..n];
        var a = batchedVelocity.Slice(n, n);
        var c = batchedVelocity.Slice(2 * n, n);
        for (var i = 0; i < n; i++)
        {
            destination[i] = u[i] + (imageScale * (a[i] - u[i])) + (audioScale * (c[i] - a[i]));
        }
    }
}
