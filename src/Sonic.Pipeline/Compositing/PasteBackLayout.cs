namespace Sonic.Pipeline.Compositing;

/// <summary>
/// Where things go in the output frame: the output size (short side = min(output_resolution, source short side),
/// both sides even for yuv420p, never above the source) and the square crop's place and size in output pixels,
/// with the feather width used to hide the seam. The rectangle may reach past the frame when the crop did.
/// </summary>
public sealed record PasteBackLayout(int OutputWidth, int OutputHeight, int CropX, int CropY, int CropSide, int FeatherPixels)
{
    /// <summary>Feather width as a share of the crop side: wide enough to hide a seam, narrow enough to keep the mouth animated.</summary>
    public const double FeatherFraction = 0.08;

    public static PasteBackLayout Compute(int sourceWidth, int sourceHeight, int cropX, int cropY, int cropSide, int outputResolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceWidth, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceHeight, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cropSide);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputResolution);

        var sourceShort = Math.Min(sourceWidth, sourceHeight);
        var scale = (double)Math.Min(outputResolution, sourceShort) / sourceShort;
        var width = EvenAtMost(sourceWidth * scale);
        var height = EvenAtMost(sourceHeight * scale);

        // Per-axis scales after rounding, so the crop lands on the same image content in both directions.
        var sx = (double)width / sourceWidth;
        var sy = (double)height / sourceHeight;
        var side = Math.Max(1, (int)Math.Round(cropSide * (sx + sy) / 2));
        var feather = Math.Clamp((int)Math.Round(side * FeatherFraction), 1, Math.Max(1, side / 2));
        return new PasteBackLayout(width, height, (int)Math.Round(cropX * sx), (int)Math.Round(cropY * sy), side, feather);
    }

    private static int EvenAtMost(double value) => Math.Max(2, (int)Math.Round(value) & ~1);
}
