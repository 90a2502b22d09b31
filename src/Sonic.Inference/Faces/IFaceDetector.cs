using SkiaSharp;

namespace Sonic.Inference.Faces;

/// <summary>Finds faces in an image; results are in the image's pixel coordinates, best first.</summary>
public interface IFaceDetector
{
    /// <summary>Which detector this is, for the result ("blazeface", "yolov5-face").</summary>
    string Name { get; }

    IReadOnlyList<FaceDetection> Detect(SKBitmap image);
}
