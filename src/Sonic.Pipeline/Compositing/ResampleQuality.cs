using SkiaSharp;

namespace Sonic.Pipeline.Compositing;

/// <summary>
/// Sampling for one resize: Mitchell cubic when enlarging or shrinking up to 2×, where it is sharp and cheap;
/// trilinear over mipmaps below half size, where a cubic without mipmaps would alias.
/// </summary>
internal static class ResampleQuality
{
    public static SKSamplingOptions For(int sourceSize, int targetSize)
        => targetSize * 2 >= sourceSize
            ? new SKSamplingOptions(SKCubicResampler.Mitchell)
            : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
}
