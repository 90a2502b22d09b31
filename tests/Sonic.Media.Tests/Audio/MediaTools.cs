using System.Diagnostics;
using System.Globalization;

namespace Sonic.Media.Tests.Audio;

/// <summary>Runs the real ffmpeg and ffprobe from PATH for the audio tests.</summary>
internal static class MediaTools
{
    public static void Ffmpeg(params string[] arguments)
    {
        var (exitCode, _, stderr) = Run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments]);
        Assert.True(exitCode == 0, $"ffmpeg {string.Join(' ', arguments)} failed: {stderr}");
    }

    /// <summary>Sample rate, channels and duration of the first audio stream as ffprobe reports them.</summary>
    public static (int SampleRate, int Channels, double DurationSeconds, string Codec) ProbeAudio(string path)
    {
        var (exitCode, stdout, stderr) = Run("ffprobe",
            ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=sample_rate,channels,duration,codec_name", "-of", "default=noprint_wrappers=1", path]);
        Assert.True(exitCode == 0, $"ffprobe failed: {stderr}");
        var fields = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        return (
            int.Parse(fields["sample_rate"], CultureInfo.InvariantCulture),
            int.Parse(fields["channels"], CultureInfo.InvariantCulture),
            double.Parse(fields["duration"], CultureInfo.InvariantCulture),
            fields["codec_name"]);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string tool, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
