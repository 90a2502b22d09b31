namespace Sonic.Inference.SonicEngine;

/// <summary>
/// Sonic samples at 12.5 fps and doubles to 25 fps by inserting one frame between each neighbouring pair:
/// 2N − 1 output frames. With rife.onnx the middle frame is RIFE's; without it the engine inserts the linear
/// blend ½(a + b). The blend is chosen over frame doubling because it keeps exactly RIFE's frame count and timing
/// (so audio sync and duration are identical whichever path ran) and moves pixels half-way instead of stepping
/// every 80 ms; its cost is faint ghosting on fast mouth motion where RIFE would warp.
/// </summary>
public static class FrameRateConversion
{
    public static int OutputFrameCount(int sonicFrames) => sonicFrames <= 0 ? 0 : (2 * sonicFrames) - 1;

    /// <summary>The fallback middle frame: per-element mean of the two neighbours (values in [0,1]).</summary>
    public static void Blend(ReadOnlySpan<float> first, ReadOnlySpan<float> second, Span<float> middle)
    {
        if (second.Length != first.Length || middle.Length != first.Length)
        {
            throw new ArgumentException("Frames must have the same size.", nameof(second));
        }

        for (var i = 0; i < first.Length; i++)
        {
            middle[i] = 0.5f * (first[i] + second[i]);
        }
    }
}
