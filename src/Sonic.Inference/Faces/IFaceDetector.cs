using SkiaSharp;

namespace Sonic.Inference.Faces;

/// <summary>Finds faces in an image; results are in the image's pixel coordinates, best first.</summary>
public interface IFaceDetector
{
    IReadOnlyList<FaceDetection> Detect(SKBitmap image);
}
