namespace Sonic.Inference.Faces;

/// <summary>A 2-D point in pixels.</summary>
public readonly record struct PointF2(float X, float Y);

/// <summary>An axis-aligned box in pixels (left, top, width, height).</summary>
public readonly record struct BoxF(float X, float Y, float Width, float Height)
{
    public float CenterX => X + (Width / 2);

    public float CenterY => Y + (Height / 2);

    public float Area => Width * Height;
}

/// <summary>
/// One detected face in the coordinates of the image it was found in. Keypoints follow BlazeFace's order:
/// right eye, left eye, nose tip, mouth centre, right ear, left ear (the subject's right/left).
/// </summary>
public sealed record FaceDetection(BoxF Box, IReadOnlyList<PointF2> Keypoints, float Score)
{
    public PointF2 RightEye => Keypoints[0];

    public PointF2 LeftEye => Keypoints[1];

    public PointF2 Nose => Keypoints[2];

    public PointF2 Mouth => Keypoints[3];
}
