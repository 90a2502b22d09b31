using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;
using Sonic.Media.Errors;

namespace Sonic.Media.Images;

/// <summary>
/// Decodes a user's portrait with SkiaSharp: PNG, JPEG or WebP recognised by content, EXIF orientation applied,
/// pixels as RGBA8888 unpremultiplied. Every failure is a <see cref="SonicJobException"/> with a stable code.
/// </summary>
public sealed partial class ImageLoader(ILogger<ImageLoader>? logger = null, ImageLoaderOptions? options = null)
{
    private readonly ILogger logger = logger ?? NullLogger<ImageLoader>.Instance;
    private readonly ImageLoaderOptions options = options ?? new ImageLoaderOptions();

    public LoadedImage Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new SonicJobException(ErrorCodes.InputNotFound, $"The image '{Path.GetFileName(path)}' was not found.");
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new SonicJobException(ErrorCodes.ImageUnreadable, $"The image '{Path.GetFileName(path)}' could not be read.", ex);
        }

        return Load(content, Path.GetFileName(path));
    }

    /// <summary>Decodes <paramref name="content"/>; <paramref name="name"/> only appears in messages.</summary>
    public LoadedImage Load(byte[] content, string name)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            throw new SonicJobException(ErrorCodes.ImageUnreadable, $"The image file '{name}' is empty (0 bytes).");
        }

        var (accepted, format) = ImageFormatSniffer.Sniff(content.AsSpan(0, Math.Min(content.Length, ImageFormatSniffer.HeaderLength)));
        if (!accepted)
        {
            var what = format is null ? "not a recognised image" : $"a {format.ToUpperInvariant()} image";
            throw new SonicJobException(
                ErrorCodes.ImageUnsupportedFormat,
                $"The file '{name}' is {what}; only PNG, JPEG and WebP images are accepted.");
        }

        // The codec takes ownership of the stream.
        using var codec = SKCodec.Create(new SKMemoryStream(content), out var openResult)
            ?? throw Unreadable(name, format!, openResult.ToString());

        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if (width <= 0 || height <= 0)
        {
            throw Unreadable(name, format!, "no image size");
        }

        if ((long)width * height > options.MaxPixels)
        {
            throw new SonicJobException(
                ErrorCodes.ImageTooLarge,
                $"The image '{name}' is {width}×{height} pixels, more than the {options.MaxPixels / 1_000_000} megapixels accepted.");
        }

        // Decode straight into the layout every later stage uses; SKCodec converts from whatever the file holds.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var stored = new SKBitmap(info);
        try
        {
            var result = codec.GetPixels(info, stored.GetPixels());
            if (result != SKCodecResult.Success)
            {
                // IncompleteInput (a truncated file) leaves grey rows behind: refuse rather than animate them.
                throw Unreadable(name, format!, result.ToString());
            }

            var origin = codec.EncodedOrigin;
            var display = ImageOrientation.Apply(stored, origin);
            if (!ReferenceEquals(display, stored))
            {
                stored.Dispose();
            }

            Log.Loaded(this.logger, name, format!, display.Width, display.Height, origin.ToString());
            return new LoadedImage(display, format!);
        }
        catch
        {
            stored.Dispose();
            throw;
        }
    }

    private static SonicJobException Unreadable(string name, string format, string reason)
        => new(ErrorCodes.ImageUnreadable, $"The {format.ToUpperInvariant()} image '{name}' is damaged and cannot be decoded ({reason}).");

    private static partial class Log
    {
        [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Loaded image {Name}: {Format} {Width}x{Height}, EXIF origin {Origin}")]
        public static partial void Loaded(ILogger logger, string name, string format, int width, int height, string origin);
    }
}
