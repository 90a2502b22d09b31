using Sonic.Inference.SonicEngine;

namespace Sonic.Inference.Tests.SonicEngine;

public sealed class PreprocessingTests
{
    [Fact]
    public void Normalize_KnownPixel_UsesClipMeanAndStd()
    {
        var rgba = new byte[224 * 224 * 4];
        rgba[0] = 255;
        rgba[1] = 0;
        rgba[2] = 128;
        var tensor = new float[3 * 224 * 224];

        ClipImagePreprocessing.Normalize(rgba, tensor);

        const int plane = 224 * 224;
        Assert.Equal((1.0 - 0.48145466) / 0.26862954, tensor[0], 4);
        Assert.Equal((0.0 - 0.4578275) / 0.26130258, tensor[plane], 4);
        Assert.Equal((128 / 255.0 - 0.40821073) / 0.27577711, tensor[2 * plane], 4);
    }

    [Fact]
    public void VaeValue_ByteRange_MapsToMinusOneOne()
    {
        Assert.Equal(-1f, ClipImagePreprocessing.VaeValue(0));
        Assert.Equal(1f, ClipImagePreprocessing.VaeValue(255));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(125, 249)]
    [InlineData(0, 0)]
    public void OutputFrameCount_SonicFrames_IsTwoNMinusOne(int sonicFrames, int expected)
        => Assert.Equal(expected, FrameRateConversion.OutputFrameCount(sonicFrames));

    [Fact]
    public void Blend_TwoFrames_IsTheirMidpoint()
    {
        var middle = new float[2];

        FrameRateConversion.Blend([0f, 1f], [1f, 0.5f], middle);

        Assert.Equal([0.5f, 0.75f], middle);
    }
}
