using SkiaSharp;
using Sonic.Inference.Faces;
using Sonic.Media.Images;
using Sonic.Testing;

namespace Sonic.Inference.Tests.Faces;

public sealed class BlazeFaceDetectorTests(BlazeFaceFixture fixture) : IClassFixture<BlazeFaceFixture>
{
    // Reference boxes and eye positions (pupils) read off the images by eye, not from the detector: the close-up
    // portrait (SampleMedia.Portrait, 512×512, forehead under the cap to chin, cheek to cheek) and samples/astronaut.png.
    private static readonly BoxF CloseUpFace = new(148, 150, 230, 222);
    private static readonly PointF2 CloseUpRightEye = new(201, 207);
    private static readonly PointF2 CloseUpLeftEye = new(302, 203);
    private static readonly BoxF AstronautFace = new(175, 76, 100, 102);
    private static readonly PointF2 AstronautRightEye = new(203, 102);
    private static readonly PointF2 AstronautLeftEye = new(247, 102);

    private readonly BlazeFaceDetector detector = fixture.Detector;

    [Fact]
    public void Detect_RealFrontalPortrait_FindsOneFaceAtTheReferenceBox()
    {
        using var image = new ImageLoader().Load(SampleMedia.Portrait);

        var faces = detector.Detect(image.Bitmap);

        var face = Assert.Single(faces);
        Assert.InRange(face.Score, 0.8f, 1f);
        AssertNear(CloseUpFace, face.Box, centreTolerance: 20, sizeTolerance: 0.15);
        AssertNear(CloseUpRightEye, face.RightEye, 15, "right eye");
        AssertNear(CloseUpLeftEye, face.LeftEye, 15, "left eye");
        AssertPlausibleKeypoints(face);
    }

    [Fact]
    public void Detect_SmallFaceInAWideShot_FindsTheAstronautsFace()
    {
        using var image = new ImageLoader().Load(TestPaths.OwnSample("astronaut.png"));

        var faces = detector.Detect(image.Bitmap);

        // ARCHITECTURE.md measured ≈ 0.88 for this image; the face covers about 4 % of the frame.
        var face = Assert.Single(faces);
        Assert.InRange(face.Score, 0.8f, 0.95f);
        AssertNear(AstronautFace, face.Box, centreTolerance: 10, sizeTolerance: 0.2);
        AssertNear(AstronautRightEye, face.RightEye, 10, "right eye");
        AssertNear(AstronautLeftEye, face.LeftEye, 10, "left eye");
        AssertPlausibleKeypoints(face);
    }

    [Fact]
    public void Detect_QrCodeScreenshot_FindsNoFace()
    {
        using var image = new ImageLoader().Load(SampleMedia.NoFaceJpegNamedPng);

        Assert.Empty(detector.Detect(image.Bitmap));
    }

    [Fact]
    public void Detect_CartoonPortrait_FindsTheCartoonFaceDeterministically()
    {
        // Honest outcome, measured: BlazeFace (trained on photos) finds the drawn face with low confidence, score ≈ 0.62
        // (a flat drawing without its soft shading is not found at all), box ≈ (149, 181) 220×220 around brow to chin.
        using var image = new ImageLoader().Load(SampleMedia.Cartoon);

        var first = detector.Detect(image.Bitmap);
        var second = detector.Detect(image.Bitmap);

        var face = Assert.Single(first);
        Assert.InRange(face.Score, 0.55f, 0.7f);
        AssertNear(new BoxF(149, 181, 220, 220), face.Box, centreTolerance: 15, sizeTolerance: 0.15);
        Assert.Equal(face, Assert.Single(second), FaceComparer.Instance);
    }

    [Theory]
    [InlineData(512, 1200, 0, 400)]   // tall: letterboxed left and right
    [InlineData(1400, 512, 700, 0)]   // wide: letterboxed top and bottom
    public void Detect_PortraitPlacedInANonSquareCanvas_MapsTheBoxBackToCanvasPixels(int width, int height, int left, int top)
    {
        using var portrait = new ImageLoader().Load(SampleMedia.Portrait);
        var reference = Assert.Single(detector.Detect(portrait.Bitmap));
        using var canvasBitmap = Compose(width, height, (portrait.Bitmap, left, top, 512));

        var face = Assert.Single(detector.Detect(canvasBitmap));

        // Same face, shifted by the placement; the input scale differs (1200 → 256 vs 512 → 256), so allow a little.
        var expected = reference.Box with { X = reference.Box.X + left, Y = reference.Box.Y + top };
        AssertNear(expected, face.Box, centreTolerance: 12, sizeTolerance: 0.12);
        AssertPlausibleKeypoints(face);
    }

    [Fact]
    public void Detect_TwoFacesOfDifferentSizes_ReturnsTheLargestFirst()
    {
        using var portrait = new ImageLoader().Load(SampleMedia.Portrait);
        using var canvasBitmap = Compose(1200, 700, (portrait.Bitmap, 20, 20, 300), (portrait.Bitmap, 560, 40, 600));

        var faces = detector.Detect(canvasBitmap);

        Assert.Equal(2, faces.Count);
        Assert.True(faces[0].Box.Area > faces[1].Box.Area);
        Assert.InRange(faces[0].Box.CenterX, 560, 1160);
        Assert.InRange(faces[1].Box.CenterX, 20, 320);
    }

    [Fact]
    public void Detect_FlatGreyImage_FindsNoFace()
    {
        using var grey = new SKBitmap(new SKImageInfo(640, 480, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        grey.Erase(new SKColor(128, 128, 128));

        Assert.Empty(detector.Detect(grey));
    }

    [Fact]
    public void Detect_ReportsTheExecutionProviderAndAbsoluteModelPath()
    {
        Assert.Contains(detector.ExecutionProvider, new[] { "CPU", "CUDA" });
        Assert.True(Path.IsPathFullyQualified(detector.ModelPath));
        Assert.EndsWith("face_detection_back_256x256_barracuda.onnx", detector.ModelPath, StringComparison.Ordinal);
    }


    private static SKBitmap Compose(int width, int height, params (SKBitmap Image, int X, int Y, int Side)[] parts)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(235, 230, 225));
        foreach (var (image, x, y, side) in parts)
        {
            using var skImage = SKImage.FromBitmap(image);
            canvas.DrawImage(skImage, SKRect.Create(x, y, side, side), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }

        return bitmap;
    }

    private static void AssertNear(BoxF expected, BoxF actual, float centreTolerance, double sizeTolerance)
    {
        var message = $"expected ≈ {expected}, got {actual}";
        Assert.True(Math.Abs(expected.CenterX - actual.CenterX) <= centreTolerance, message);
        Assert.True(Math.Abs(expected.CenterY - actual.CenterY) <= centreTolerance, message);
        Assert.True(Math.Abs((actual.Width / expected.Width) - 1) <= sizeTolerance, message);
        Assert.True(Math.Abs((actual.Height / expected.Height) - 1) <= sizeTolerance, message);
    }

    private static void AssertNear(PointF2 expected, PointF2 actual, float tolerance, string what)
        => Assert.True(
            MathF.Sqrt(MathF.Pow(expected.X - actual.X, 2) + MathF.Pow(expected.Y - actual.Y, 2)) <= tolerance,
            $"{what}: expected ≈ {expected}, got {actual}");

    /// <summary>Upright face: eyes above the nose above the mouth; the subject's right eye on the image's left.</summary>
    private static void AssertPlausibleKeypoints(FaceDetection face)
    {
        Assert.Equal(6, face.Keypoints.Count);
        Assert.True(face.RightEye.X < face.Nose.X && face.Nose.X < face.LeftEye.X, "nose between the eyes");
        Assert.True(Math.Max(face.RightEye.Y, face.LeftEye.Y) < face.Nose.Y, "eyes above the nose");
        Assert.True(face.Nose.Y < face.Mouth.Y, "nose above the mouth");
        foreach (var point in face.Keypoints.Take(4))
        {
            Assert.InRange(point.X, face.Box.X, face.Box.X + face.Box.Width);
            Assert.InRange(point.Y, face.Box.Y, face.Box.Y + face.Box.Height);
        }
    }

    private sealed class FaceComparer : IEqualityComparer<FaceDetection>
    {
        public static readonly FaceComparer Instance = new();

        public bool Equals(FaceDetection? x, FaceDetection? y)
            => x is not null && y is not null && x.Box == y.Box && x.Score == y.Score && x.Keypoints.SequenceEqual(y.Keypoints);

        public int GetHashCode(FaceDetection obj) => obj.Box.GetHashCode();
    }
}
