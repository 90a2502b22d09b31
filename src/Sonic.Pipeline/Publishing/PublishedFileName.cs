using System.Text;

namespace Sonic.Pipeline.Publishing;

/// <summary>
/// The stem of a published video's blob name and download name: <see cref="DownloadFileName.Sanitize"/> (Unicode
/// letters kept; no separators, quotes, control characters, '?', '%'), then what a URL path and Windows still mind:
/// '#' (a URL fragment) becomes '_', and reserved device names (<c>con</c>, <c>nul</c>, <c>com1</c>…, which Windows
/// refuses as a download name even with an extension) get a trailing '_'.
/// </summary>
public static class PublishedFileName
{
    public const string Extension = ".mp4";

    private static readonly HashSet<string> WindowsReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>The safe stem (no extension) for a user-supplied name; <c>video</c> when nothing usable is left.</summary>
    public static string Stem(string? name)
    {
        // '#' would start a URL fragment; turned into a separator before Sanitize so its '_' rules (collapse, trim) apply.
        var stem = DownloadFileName.Sanitize(name?.Replace('#', ' '));
        var builder = new StringBuilder(stem.Length);
        foreach (var c in stem)
        {
            // Sanitize already removes these; repeated here so the guarantee does not hang on another class's list.
            builder.Append(c is '/' or '\\' or '"' or '\'' or '?' or '#' or '%' || char.IsControl(c) ? '_' : c);
        }

        var safe = builder.ToString();
        var device = safe.Split('.')[0];
        return WindowsReservedNames.Contains(device) ? safe.Insert(device.Length, "_") : safe;
    }

    /// <summary>The download file name: <see cref="Stem"/> plus <c>.mp4</c>.</summary>
    public static string ForVideo(string? name) => Stem(name) + Extension;
}
