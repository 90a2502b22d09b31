using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;
using Sonic.Inference.Faces;
using Sonic.Inference.Onnx;
using Sonic.Inference.SonicEngine;
using Sonic.Inference.Tests.SonicEngine.Engine;
using Sonic.Testing;

namespace Sonic.Inference.Tests.Faces;

/// <summary>
/// Upstream's face detector as a Sonic folder brings it. The real YOLOv5m-face comes with the Sonic checkpoints (not
/// downloadable here), so a stand-in with the contract's names returns known rows; these tests check what this
/// product does with them: upstream's input size, thresholds, suppression and mapping back to image pixels.
/// </summary>
public sealed class YoloFaceDetectorTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-yolo");

    [Theory]
    [InlineData(512, 512, 416, 416)]
    [InlineData(1284, 2283, 416, 768)]   // short side 416, the other rounded up to a multiple of 32 (739.6 → 768)
    [InlineData(1920, 1080, 768, 416)]
    public void InputSize_IsUpstreamsShortSide416RoundedUpTo32(int width, int height, int inputWidth, int inputHeight)
        => Assert.Equal((inputWidth, inputHeight), YoloFaceDetector.InputSize(width, height));

    [Fact]
    public void Detect_KeepsFacesAboveTheThresholds_SuppressesDuplicates_AndMapsThemToImagePixels()
    {
        ArithmeticSonicModels.WriteFaceDetector(folder);
        using var detector = new YoloFaceDetector(Path.Combine(folder, "face_detector.onnx"), new OrtSessionFactory(NullLogger<OrtSessionFactory>.Instance, preferCuda: false), NullLogger<YoloFaceDetector>.Instance);
        using var image = new SKBitmap(new SKImageInfo(512, 512, SKColorType.Rgba8888, SKAlphaType.Unpremul));

        var faces = detector.Detect(image);

        Assert.Equal(2, faces.Count);
        const float scale = 512f / 416f;
        var face = faces[0];
        Assert.Equal((208 - 75) * scale, face.Box.X, 3);
        Assert.Equal((200 - 90) * scale, face.Box.Y, 3);
        Assert.Equal(150 * scale, face.Box.Width, 3);
        Assert.Equal(180 * scale, face.Box.Height, 3);
        Assert.Equal(0.9f * 0.95f, face.Score, 5);
        // The eye on the image's left is the subject's right, whichever order the detector listed them in.
        Assert.Equal(170 * scale, face.RightEye.X, 3);
        Assert.Equal(246 * scale, face.LeftEye.X, 3);
        Assert.Equal(208 * scale, face.Mouth.X, 3);
        Assert.Equal(240 * scale, face.Mouth.Y, 3);
        Assert.True(faces[1].Box.Area < face.Box.Area);
        Assert.Equal("yolov5-face", detector.Name);
    }

    [Fact]
    public void Verify_FolderWithTheDetector_IsValidAndSaysSo()
    {
        ArithmeticSonicModels.Write(folder, half: false, withRife: false);
        ArithmeticSonicModels.WriteFaceDetector(folder);

        var report = SonicModelVerifier.Verify(folder);

        Assert.True(report.IsValid, report.Summary());
        Assert.True(report.HasFaceDetector);
        Assert.Null(report.Files.Single(f => f.FileName == "face_detector.onnx").FixedSide);
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);
}
