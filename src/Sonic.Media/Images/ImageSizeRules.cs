using Sonic.Media.Errors;

namespace Sonic.Media.Images;

/// <summary>How small a portrait may be: the crop fed to the model is upscaled from whatever the face covers.</summary>
public static class ImageSizeRules
{
    /// <summary>Below this short side the image is refused (<see cref="ErrorCodes.ImageTooSmall"/>).</summary>
    public const int MinimumShortSide = 256;

    /// <summary>Below this short side the render goes ahead with a warning: the face will look soft.</summary>
    public const int RecommendedShortSide = 512;

    /// <summary>Throws for images below <see cref="MinimumShortSide"/>; returns a warning sentence or null.</summary>
    public static string? Check(int width, int height)
    {
        var shortSide = Math.Min(width, height);
        if (shortSide < MinimumShortSide)
        {
            throw new SonicJobException(
                ErrorCodes.ImageTooSmall,
                $"The image is {width}×{height} pixels; its short side must be at least {MinimumShortSide} pixels.");
        }

        return shortSide < RecommendedShortSide
            ? $"The image is {width}×{height} pixels; a short side of at least {RecommendedShortSide} pixels gives a sharper face."
            : null;
    }
}
