using Sonic.Inference.Faces;

namespace Sonic.Pipeline.Faces;

/// <summary>
/// The square taken from the source image (<see cref="X"/>, <see cref="Y"/>, <see cref="Side"/> in source pixels)
/// and the side it is resized to before it reaches the model (<see cref="ResizedSide"/>, a multiple of 64).
/// </summary>
public sealed record CropPlan(int X, int Y, int Side, int ResizedSide)
{
    /// <summary>Resized pixels per source pixel.</summary>
    public double Scale => (double)ResizedSide / Side;

    /// <summary>Maps a detection from source pixels into the resized crop's pixels.</summary>
    public FaceDetection MapIntoCrop(FaceDetection face)
    {
        ArgumentNullException.ThrowIfNull(face);
        var s = (float)Scale;
        return new FaceDetection(
            new BoxF((face.Box.X - X) * s, (face.Box.Y - Y) * s, face.Box.Width * s, face.Box.Height * s),
            face.Keypoints.Select(p => new PointF2((p.X - X) * s, (p.Y - Y) * s)).ToArray(),
            face.Score);
    }
}
