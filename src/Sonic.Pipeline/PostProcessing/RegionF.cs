using Sonic.Inference.Faces;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// A box as fractions of the square crop's side (0..1), so it holds whatever side the animator's frames have:
/// the face is found at the resized crop's size, the animator may emit another size.
/// </summary>
public sealed record RegionF(double X, double Y, double Width, double Height)
{
    /// <summary>The mouth box: centred on BlazeFace's mouth keypoint, wide enough for the lips and tall enough for
    /// a dropped jaw (0.5 × 0.35 of the face box).</summary>
    public static RegionF Mouth(FaceDetection faceInCrop, int cropSide)
    {
        ArgumentNullException.ThrowIfNull(faceInCrop);
        var box = faceInCrop.Box;
        var width = box.Width * 0.5;
        var height = box.Height * 0.35;
        return new RegionF(faceInCrop.Mouth.X - (width / 2), faceInCrop.Mouth.Y - (height * 0.4), width, height).Scaled(cropSide);
    }

    /// <summary>Both eyes: from beyond the right eye keypoint to beyond the left, as tall as half their distance, so a
    /// closed lid and an open eye (sclera, iris, lashes) differ clearly in contrast.</summary>
    public static RegionF Eyes(FaceDetection faceInCrop, int cropSide)
    {
        ArgumentNullException.ThrowIfNull(faceInCrop);
        var (right, left) = (faceInCrop.RightEye, faceInCrop.LeftEye);
        var distance = Math.Max(1.0, Math.Abs(left.X - right.X));
        var x = Math.Min(left.X, right.X) - (distance * 0.35);
        var height = distance * 0.5;
        return new RegionF(x, ((left.Y + right.Y) / 2) - (height / 2), distance * 1.7, height).Scaled(cropSide);
    }

    /// <summary>The face box, whose translation and colour the smoother tracks (the mouth inside it is masked).</summary>
    public static RegionF Face(FaceDetection faceInCrop, int cropSide)
    {
        ArgumentNullException.ThrowIfNull(faceInCrop);
        var box = faceInCrop.Box;
        return new RegionF(box.X, box.Y, box.Width, box.Height).Scaled(cropSide);
    }

    /// <summary>Pixel bounds in a crop of <paramref name="side"/> pixels, clipped to it (never empty).</summary>
    public (int Left, int Top, int Right, int Bottom) Pixels(int side)
    {
        var left = Math.Clamp((int)Math.Floor(X * side), 0, side - 1);
        var top = Math.Clamp((int)Math.Floor(Y * side), 0, side - 1);
        var right = Math.Clamp((int)Math.Ceiling((X + Width) * side), left + 1, side);
        var bottom = Math.Clamp((int)Math.Ceiling((Y + Height) * side), top + 1, side);
        return (left, top, right, bottom);
    }

    private RegionF Scaled(int cropSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cropSide);
        double s = cropSide;
        return new RegionF(X / s, Y / s, Width / s, Height / s);
    }
}
