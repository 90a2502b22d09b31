namespace Sonic.Orchestration.Uploads;

/// <summary>
/// The drop-a-pair naming convention of the <c>uploads</c> container: <c>stem.&lt;image&gt;</c> +
/// <c>stem.&lt;audio&gt;</c> or a script to speak, <c>stem.txt</c> (+ optional <c>stem.json</c>, which may hold the script instead). The stem is the name without its last extension, folders
/// included, so <c>team/anna.jpg</c> pairs with <c>team/anna.wav</c>. Extensions compare case-insensitively.
/// </summary>
public static class UploadNames
{
    public static IReadOnlySet<string> ImageExtensions { get; } =
        new HashSet<string>(["png", "jpg", "jpeg", "webp"], StringComparer.OrdinalIgnoreCase);

    /// <summary>What the audio stage decodes (NAudio/NLayer for WAV/MP3, ffmpeg for the rest).</summary>
    public static IReadOnlySet<string> AudioExtensions { get; } =
        new HashSet<string>(["wav", "mp3", "m4a", "aac", "flac", "ogg", "opus"], StringComparer.OrdinalIgnoreCase);

    public const string ParametersExtension = "json";

    /// <summary>A plain-text script (UTF-8) spoken instead of a recording.</summary>
    public const string ScriptExtension = "txt";

    /// <summary>What role a blob plays in a pair, from its name alone.</summary>
    public static UploadRole RoleOf(string blobName)
    {
        var extension = Extension(blobName);
        if (extension is null || Stem(blobName).Length == 0)
        {
            return UploadRole.None;
        }

        if (ImageExtensions.Contains(extension))
        {
            return UploadRole.Image;
        }

        if (AudioExtensions.Contains(extension))
        {
            return UploadRole.Audio;
        }

        if (extension.Equals(ScriptExtension, StringComparison.OrdinalIgnoreCase))
        {
            return UploadRole.Script;
        }

        return extension.Equals(ParametersExtension, StringComparison.OrdinalIgnoreCase) ? UploadRole.Parameters : UploadRole.None;
    }

    /// <summary>
    /// Whether a name someone gave us can only mean a blob inside <c>uploads</c>: no <c>..</c>, no leading <c>/</c>,
    /// no backslash or control character, at most 1024 characters (the checks of input references and manifests).
    /// </summary>
    public static bool IsSafeBlobName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is > 0 and <= 1024 && !name.Contains("..", StringComparison.Ordinal) && !name.StartsWith('/')
            && !name.Contains('\\', StringComparison.Ordinal) && !name.Any(char.IsControl);
    }

    /// <summary>The name without its last extension (folders kept): <c>team/anna.jpg</c> → <c>team/anna</c>.</summary>
    public static string Stem(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var dot = blobName.LastIndexOf('.');
        var slash = blobName.LastIndexOf('/');
        return dot > slash + 1 ? blobName[..dot] : blobName;
    }

    private static string? Extension(string blobName)
    {
        var dot = blobName.LastIndexOf('.');
        var slash = blobName.LastIndexOf('/');
        return dot > slash + 1 && dot < blobName.Length - 1 ? blobName[(dot + 1)..] : null;
    }
}
