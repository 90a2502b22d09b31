using Sonic.Inference.Faces;

namespace Sonic.Inference.Animation;

/// <summary>
/// The square face crop fed to an animator: <see cref="Size"/>×<see cref="Size"/> RGBA8888 pixels (unpremultiplied),
/// and the detected face in the crop's own pixel coordinates. <see cref="SourceSide"/> is the side of the square the crop
/// was cut from in the source image, before resizing (0 when unknown): Sonic's soft face mask is drawn at that size.
/// </summary>
public sealed record PortraitCrop(int Size, byte[] Rgba, FaceDetection Face, int SourceSide = 0);
