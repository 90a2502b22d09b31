namespace Sonic.Media.Images;

/// <summary>The container formats the product accepts, as reported in <see cref="LoadedImage.Format"/>.</summary>
public static class ImageFormats
{
    public const string Png = "png";
    public const string Jpeg = "jpeg";
    public const string WebP = "webp";
}
