using SkiaSharp;
using Sonic.Inference.Animation;
using Sonic.Inference.Faces;

namespace Sonic.Pipeline.Faces;

/// <summary>
/// The image stage's result: the oriented source image (kept for paste-back), the crop taken from it, the resized
/// square crop with the face in its coordinates (what an animator gets), the face in source pixels, the sniffed
/// format, warnings for the user, and which detector found the face. Owns <see cref="Source"/>.
/// </summary>
public sealed record PreparedPortrait(
    SKBitmap Source,
    CropPlan Crop,
    PortraitCrop Portrait,
    IReadOnlyList<string> Warnings,
    FaceDetection SourceFace,
    string Format,
    string Detector = "blazeface") : IDisposable
{
    public void Dispose() => Source.Dispose();
}
