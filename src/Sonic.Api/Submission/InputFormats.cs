using Sonic.Media.Audio;
using Sonic.Media.Errors;
using Sonic.Media.Images;

namespace Sonic.Api.Submission;

/// <summary>
/// Names a stored input by its content, not by the name the client gave it (uploads arrive with wrong extensions).
/// An image that is no PNG, JPEG or WebP is refused here already, with the same code the Validate stage uses.
/// </summary>
internal static class InputFormats
{
    private static readonly string[] OtherAudioExtensions = ["m4a", "ogg", "oga", "opus", "flac", "aac", "mp4", "webm"];

    public static string ImageExtension(string path, string? originalName)
    {
        Span<byte> header = stackalloc byte[ImageFormatSniffer.HeaderLength];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        var (accepted, format) = ImageFormatSniffer.Sniff(header[..read]);
        if (!accepted)
        {
            var what = format is null ? "not a recognised image" : $"a {format.ToUpperInvariant()} image";
            throw new SonicJobException(
                ErrorCodes.ImageUnsupportedFormat,
                $"The image '{originalName ?? "image"}' is {what}; only PNG, JPEG and WebP images are accepted.");
        }

        return format == ImageFormats.Jpeg ? "jpg" : format!;
    }

    /// <summary>wav or mp3 by content; other containers (decoded by ffmpeg) keep a known extension, else "audio".</summary>
    public static string AudioExtension(string path, string? originalName)
    {
        switch (AudioFormatSniffer.Detect(path))
        {
            case AudioContainer.Wave:
                return "wav";
            case AudioContainer.Mpeg:
                return "mp3";
            default:
                var extension = Path.GetExtension(originalName ?? string.Empty).TrimStart('.').ToLowerInvariant();
                return OtherAudioExtensions.Contains(extension) ? extension : "audio";
        }
    }

    public static string ContentType(string extension) => extension switch
    {
        "png" => "image/png",
        "jpg" => "image/jpeg",
        "webp" => "image/webp",
        "wav" => "audio/wav",
        "mp3" => "audio/mpeg",
        "m4a" or "mp4" or "aac" => "audio/mp4",
        "ogg" or "oga" or "opus" => "audio/ogg",
        "flac" => "audio/flac",
        "webm" => "audio/webm",
        _ => "application/octet-stream",
    };
}
