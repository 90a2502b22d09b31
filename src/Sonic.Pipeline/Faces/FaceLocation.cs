using Sonic.Inference.Faces;

namespace Sonic.Pipeline.Faces;

/// <summary>Where the animated face is in a portrait (as decoded: EXIF orientation applied) and the square crop it gets.</summary>
public sealed record FaceLocation(int Width, int Height, BoxF Face, int FaceCount, CropPlan Crop, IReadOnlyList<string> Warnings);
