namespace Sonic.Pipeline.Compositing;

/// <summary>
/// A correction applied to an animated crop while it is resampled for paste-back, so it costs no pass of its own:
/// output(x, y) = gain · crop(x − <see cref="ShiftX"/>, y − <see cref="ShiftY"/>), shifts in crop pixels, one gain
/// per colour channel (alpha untouched), edges clamped.
/// </summary>
public readonly record struct CropCorrection(double ShiftX, double ShiftY, float GainR, float GainG, float GainB)
{
    public static CropCorrection Identity { get; } = new(0, 0, 1, 1, 1);

    public bool IsIdentity => ShiftX == 0 && ShiftY == 0 && GainR == 1 && GainG == 1 && GainB == 1;
}
