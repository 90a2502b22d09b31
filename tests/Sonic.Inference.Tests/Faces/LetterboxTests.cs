using Sonic.Inference.Faces;

namespace Sonic.Inference.Tests.Faces;

public sealed class LetterboxTests
{
    [Fact]
    public void Fit_TallImage_IsCentredHorizontallyWithItsAspectKept()
    {
        // A 1284×2283 phone screenshot: → 256 / 2283 × 1284 = 143.97 → 144 wide, (256 − 144) / 2 = 56 px padding each side.
        var box = Letterbox.Fit(1284, 2283, 256);

        Assert.Equal(new Letterbox(1284, 2283, 56, 0, 144, 256), box);
    }

    [Fact]
    public void Fit_WideImage_IsCentredVertically()
        => Assert.Equal(new Letterbox(1400, 512, 0, 81, 256, 94), Letterbox.Fit(1400, 512, 256));

    [Fact]
    public void ToImage_CornersOfTheDrawnArea_MapToTheImageCorners()
    {
        var box = Letterbox.Fit(1284, 2283, 256);

        Assert.Equal(new PointF2(0, 0), box.ToImage(new PointF2(56, 0)));
        Assert.Equal(new PointF2(1284, 2283), box.ToImage(new PointF2(200, 256)));
    }

    [Fact]
    public void ToImage_DetectionReachingIntoThePadding_IsClippedToTheImage()
    {
        var box = Letterbox.Fit(1284, 2283, 256);
        var inInput = new FaceDetection(new BoxF(40, 100, 40, 40), [new PointF2(60, 120)], 0.9f);

        var inImage = box.ToImage(inInput);

        Assert.Equal(0, inImage.Box.X);
        Assert.Equal((80 - 56) * 1284f / 144, inImage.Box.Width, 3);
        Assert.Equal(new PointF2((60 - 56) * 1284f / 144, 120 * 2283f / 256), inImage.Keypoints[0]);
    }
}
