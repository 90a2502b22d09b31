using FFMpegCore;

namespace Sonic.Media.Video;

/// <summary>
/// The one place that finds ffmpeg/ffprobe and configures FFMpegCore's process-wide <see cref="GlobalFFOptions"/>
/// (static mutable state in the library, so it is set once here and nowhere else). Looks in the folder named by
/// <c>SONIC_FFMPEG_DIR</c> first, then on PATH.
/// </summary>
public static class FfmpegEnvironment
{
    /// <summary>Environment variable naming a folder that holds the ffmpeg and ffprobe executables.</summary>
    public const string DirectoryVariable = "SONIC_FFMPEG_DIR";

    /// <summary>Environment variable naming a folder of fonts for burned-in captions (libass's <c>fontsdir</c>).</summary>
    public const string FontsVariable = "SONIC_FONTS_DIR";

    /// <summary>The fonts folder <see cref="FontsVariable"/> names, when it exists; otherwise libass asks fontconfig.</summary>
    public static string? FontsDirectory =>
        Environment.GetEnvironmentVariable(FontsVariable) is { Length: > 0 } folder && Directory.Exists(folder) ? folder : null;

    private static readonly Lazy<FfmpegTools> Tools = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Finds the tools and configures FFMpegCore on the first call; later calls return the same answer.
    /// Throws <see cref="MediaToolException"/> with a message that says what to install or set when either is missing.
    /// </summary>
    public static FfmpegTools EnsureConfigured() => Tools.Value;

    private static FfmpegTools Configure()
    {
        var ffmpeg = Locate("ffmpeg");
        var ffprobe = Locate("ffprobe");
        if (!ExecutableStaging.IsExecutable(ffmpeg) || !ExecutableStaging.IsExecutable(ffprobe))
        {
            // Bundled with a zip deployment that dropped the execute bit: run copies, both from one folder since
            // FFMpegCore takes a single binary folder.
            var staging = Path.Combine(Path.GetTempPath(), "sonic-ffmpeg");
            ffmpeg = ExecutableStaging.Stage(ffmpeg, staging);
            ffprobe = ExecutableStaging.Stage(ffprobe, staging);
        }

        var folder = Path.GetDirectoryName(ffmpeg)!;
        GlobalFFOptions.Configure(new FFOptions { BinaryFolder = folder, TemporaryFilesFolder = Path.GetTempPath() });
        return new FfmpegTools(ffmpeg, ffprobe);
    }

    private static string Locate(string tool)
    {
        var executable = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var candidate = Path.Combine(configured, executable);
            return File.Exists(candidate)
                ? Path.GetFullPath(candidate)
                : throw new MediaToolException($"{DirectoryVariable} is set to '{configured}' but {executable} is not there.");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, executable);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new MediaToolException(
            $"{executable} was not found on PATH. Install ffmpeg (e.g. 'apt-get install ffmpeg') or set {DirectoryVariable} to the folder that holds ffmpeg and ffprobe.");
    }
}
