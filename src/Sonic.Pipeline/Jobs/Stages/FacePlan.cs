using Sonic.Inference.Faces;
using Sonic.Pipeline.Faces;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// <c>face.json</c>: the oriented source image's size and format, the crop taken from it (source pixels) and resized
/// to <see cref="CropPlan.ResizedSide"/>, and the detected face in the resized crop's pixels (what an animator needs).
/// </summary>
public sealed record FacePlan(int SourceWidth, int SourceHeight, string SourceFormat, CropPlan Crop, FaceDetection FaceInCrop);
