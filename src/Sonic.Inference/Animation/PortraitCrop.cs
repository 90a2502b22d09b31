using Sonic.Inference.Faces;

namespace Sonic.Inference.Animation;

/// <summary>
/// The square face crop fed to an animator: <see cref="Size"/>×<see cref="Size"/> RGBA8888 pixels (unpremultiplied),
/// and the detected face in the crop's own pixel coordinates.
/// </summary>
public sealed record PortraitCrop(int Size, byte[] Rgba, FaceDetection Face);
