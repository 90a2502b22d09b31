namespace Sonic.Inference.Onnx;

/// <summary>RGBA bytes to the planar RGB floats in [0, 1] that image models take ([3, H, W], alpha dropped).</summary>
public static class PlanarRgb
{
    public static void FromRgba(ReadOnlySpan<byte> rgba, Span<float> planar)
    {
        var plane = planar.Length / 3;
        for (var p = 0; p < plane; p++)
        {
            planar[p] = rgba[p * 4] / 255f;
            planar[plane + p] = rgba[(p * 4) + 1] / 255f;
            planar[(2 * plane) + p] = rgba[(p * 4) + 2] / 255f;
        }
    }
}
