using Sonic.Media.Errors;
using Sonic.Media.Images;

namespace Sonic.Media.Tests.Images;

public sealed class ImageSizeRulesTests
{
    [Theory]
    [InlineData(200, 200)]
    [InlineData(255, 4000)]
    [InlineData(4000, 255)]
    public void Check_ShortSideBelow256_ThrowsImageTooSmall(int width, int height)
    {
        var ex = Assert.Throws<SonicJobException>(() => ImageSizeRules.Check(width, height));

        Assert.Equal(ErrorCodes.ImageTooSmall, ex.Code);
    }

    [Theory]
    [InlineData(256, 256)]
    [InlineData(300, 300)]
    [InlineData(511, 2000)]
    public void Check_ShortSideFrom256To511_ReturnsAWarning(int width, int height)
        => Assert.Contains("512", ImageSizeRules.Check(width, height), StringComparison.Ordinal);

    [Theory]
    [InlineData(512, 512)]
    [InlineData(1284, 2283)]
    public void Check_ShortSideAtLeast512_ReturnsNoWarning(int width, int height)
        => Assert.Null(ImageSizeRules.Check(width, height));
}
