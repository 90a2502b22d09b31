using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;
using Sonic.Inference.Faces;
using Sonic.Inference.Landmarks;
using Sonic.Inference.Onnx;
using Sonic.Media.Images;
using Sonic.Testing;

namespace Sonic.Inference.Tests.Landmarks;

/// <summary>
/// MediaPipe's face landmark model, converted from TFLite to ONNX by this project, on the real close-up portrait:
/// the points land where the face's features are (reference positions read off the picture by eye).
/// </summary>
public sealed class FaceMeshLandmarkerTests : IDisposable
{
    private static readonly OrtSessionFactory Sessions = new(NullLogger<OrtSessionFactory>.Instance, preferCuda: false);
    private readonly FaceMeshLandmarker landmarker = new(Sessions, NullLogger<FaceMeshLandmarker>.Instance);
    private readonly BlazeFaceDetector detector = new(new FaceDetectorOptions(), Sessions, NullLogger<BlazeFaceDetector>.Instance);

    [Fact]
    public void Locate_CloseUpPortrait_PutsTheMeshOnTheFace()
    {
        using var image = new ImageLoader().Load(SampleMedia.Portrait);
        var face = Assert.Single(detector.Detect(image.Bitmap));

        var mesh = landmarker.Locate(image.Bitmap, face);

        Assert.Equal(468, mesh.Points.Count);
        Assert.True(mesh.FaceScore > 0.9f, $"face score {mesh.FaceScore:F3}");
        DrawForInspection(image.Bitmap, mesh);

        // By eye on the portrait (SampleMedia.Portrait): pupils at (201, 207) and (302, 203), nose tip (257, 268), the
        // lips meet at y ≈ 316 between the corners at x ≈ 211 and 308, chin bottom at y ≈ 372.
        AssertNear(mesh.Points[FaceMesh.NoseTip], 257, 268, 12, "nose tip");
        AssertNear(mesh.Points[FaceMesh.UpperInnerLip], 257, 316, 10, "upper inner lip");
        AssertNear(mesh.Points[FaceMesh.LowerInnerLip], 257, 316, 10, "lower inner lip");
        AssertNear(mesh.Points[FaceMesh.RightMouthCorner], 211, 316, 14, "right mouth corner");
        AssertNear(mesh.Points[FaceMesh.LeftMouthCorner], 308, 316, 14, "left mouth corner");
        AssertNear(mesh.Points[FaceMesh.Chin], 257, 372, 16, "chin");
        Assert.True(mesh.Points[FaceMesh.RightEyeOuter].X < 201 && mesh.Points[FaceMesh.LeftEyeOuter].X > 302, "outer eye corners outside the pupils");
        Assert.InRange(mesh.Points[FaceMesh.RightEyeOuter].Y, 190, 225);
        Assert.InRange(mesh.Points[FaceMesh.LeftEyeOuter].Y, 185, 225);
    }

    [Fact]
    public void Locate_NoFaceInTheRegion_HasALowFaceScore()
    {
        using var grey = new SKBitmap(new SKImageInfo(512, 512, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        grey.Erase(new SKColor(120, 120, 120));
        var nowhere = new FaceDetection(new BoxF(156, 156, 200, 200), [new(210, 220), new(300, 220), new(256, 260), new(256, 300), new(160, 230), new(350, 230)], 0.9f);

        var mesh = landmarker.Locate(grey, nowhere);

        Assert.True(mesh.FaceScore < 0.5f, $"face score {mesh.FaceScore:F3} on a flat grey picture");
    }

    public void Dispose()
    {
        landmarker.Dispose();
        detector.Dispose();
    }

    private static void AssertNear(MeshPoint point, float x, float y, float tolerance, string what)
        => Assert.True(MathF.Sqrt(((point.X - x) * (point.X - x)) + ((point.Y - y) * (point.Y - y))) <= tolerance, $"{what}: expected ≈ ({x}, {y}), got ({point.X:F1}, {point.Y:F1})");

    /// <summary>The portrait with the mesh drawn on it, left in the temp folder for a person to look at.</summary>
    private static void DrawForInspection(SKBitmap image, FaceMesh mesh)
    {
        using var copy = image.Copy();
        using var canvas = new SKCanvas(copy);
        using var paint = new SKPaint { Color = new SKColor(0, 255, 80), IsAntialias = true };
        foreach (var p in mesh.Points)
        {
            canvas.DrawCircle(p.X, p.Y, 1.2f, paint);
        }

        using var data = copy.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "sonic-face-mesh.png"), data.ToArray());
    }
}
