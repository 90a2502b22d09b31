namespace Sonic.Inference.SonicEngine;

/// <summary>
/// CLIP ViT-H/14 input normalisation (OpenAI CLIP constants, as in the SVD-xt feature extractor config):
/// squash to 224×224, scale to [0,1], then (x − mean)/std per channel, planar RGB.
/// </summary>
public static class ClipImagePreprocessing
{
    public const int Size = 224;

    public static IReadOnlyList<float> Mean { get; } = [0.48145466f, 0.4578275f, 0.40821073f];

    public static IReadOnlyList<float> Std { get; } = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>Interleaved RGBA bytes of a 224×224 image → planar normalised [3,224,224].</summary>
    public static void Normalize(ReadOnlySpan<byte> rgba224, Span<float> destination)
    {
        const int pixels = Size * Size;
        if (rgba224.Length != pixels * 4 || destination.Length != pixels * 3)
        {
            throw new ArgumentException("Expected a 224×224 RGBA image and a [3,224,224] destination.", nameof(rgba224));
        }

        for (var c = 0; c < 3; c++)
        {
            var scale = 1f / (255f * Std[c]);
            var offset = Mean[c] / Std[c];
            var plane = destination.Slice(c * pixels, pixels);
            for (var p = 0; p < pixels; p++)
            {
                plane[p] = (rgba224[(p * 4) + c] * scale) - offset;
            }
        }
    }

    /// <summary>VAE input: ToTensor then (x − 0.5)/0.5, i.e. byte/127.5 − 1.</summary>
    public static float VaeValue(byte channel) => (channel / 127.5f) - 1f;
}
