namespace Sonic.Inference.Landmarks;

/// <summary>A landmark in image pixels; Z is depth in the same scale (smaller is nearer the camera).</summary>
public readonly record struct MeshPoint(float X, float Y, float Z);

/// <summary>
/// The 468 face mesh landmarks of one face in image pixels (MediaPipe's canonical topology: e.g. 1 nose tip, 13/14
/// inner upper/lower lip centre, 33/263 outer eye corners, 61/291 mouth corners, 152 chin), and the model's
/// confidence that a face is there.
/// </summary>
public sealed record FaceMesh(IReadOnlyList<MeshPoint> Points, float FaceScore)
{
    public const int NoseTip = 1;
    public const int UpperInnerLip = 13;
    public const int LowerInnerLip = 14;
    public const int RightEyeOuter = 33;
    public const int LeftEyeOuter = 263;
    public const int RightMouthCorner = 61;
    public const int LeftMouthCorner = 291;
    public const int Chin = 152;
}
