namespace Sonic.Inference.Faces;

/// <summary>
/// How an image sits inside the detector's square input: scaled to fit with its aspect kept, centred, the rest
/// padded. BlazeFace was trained on undistorted faces, so squashing a 1284×2283 portrait would hurt it.
/// </summary>
public readonly record struct Letterbox(int ImageWidth, int ImageHeight, int DrawX, int DrawY, int DrawWidth, int DrawHeight)
{
    public static Letterbox Fit(int imageWidth, int imageHeight, int inputSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageHeight, 1);
        var scale = (double)inputSize / Math.Max(imageWidth, imageHeight);
        var drawWidth = Math.Clamp((int)Math.Round(imageWidth * scale), 1, inputSize);
        var drawHeight = Math.Clamp((int)Math.Round(imageHeight * scale), 1, inputSize);
        return new Letterbox(imageWidth, imageHeight, (inputSize - drawWidth) / 2, (inputSize - drawHeight) / 2, drawWidth, drawHeight);
    }

    /// <summary>Maps a point in input pixels back to image pixels.</summary>
    public PointF2 ToImage(PointF2 input) => new(
        (input.X - DrawX) * ImageWidth / DrawWidth,
        (input.Y - DrawY) * ImageHeight / DrawHeight);

    /// <summary>Maps a detection in input pixels to image pixels; the box is clipped to the image.</summary>
    public FaceDetection ToImage(FaceDetection input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var topLeft = ToImage(new PointF2(input.Box.X, input.Box.Y));
        var bottomRight = ToImage(new PointF2(input.Box.X + input.Box.Width, input.Box.Y + input.Box.Height));
        var x0 = Math.Clamp(topLeft.X, 0, ImageWidth);
        var y0 = Math.Clamp(topLeft.Y, 0, ImageHeight);
        var x1 = Math.Clamp(bottomRight.X, 0, ImageWidth);
        var y1 = Math.Clamp(bottomRight.Y, 0, ImageHeight);
        return new FaceDetection(new BoxF(x0, y0, x1 - x0, y1 - y0), input.Keypoints.Select(ToImage).ToArray(), input.Score);
    }
}
