using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Sonic.Media.Video;

namespace Sonic.Media.Audio;

/// <summary>
/// Decodes anything ffmpeg reads (m4a/AAC, ogg, flac, opus, WAV encodings NAudio lacks, ...) by converting the first
/// audio stream to a temporary 32-bit float WAV at its own rate and channel count, then reading that file.
/// </summary>
internal static class FfmpegAudioReader
{
    /// <summary>
    /// Decode a little past the limit so "longer than the limit" can be told from "exactly the limit" without writing
    /// a multi-hour temporary file.
    /// </summary>
    private static readonly TimeSpan LimitMargin = TimeSpan.FromSeconds(1);

    public static PcmAudio Read(string ffmpegExecutable, string path, TimeSpan? maxDuration, CancellationToken cancellationToken)
    {
        var temporaryWav = Path.Combine(Path.GetTempPath(), $"sonic-audio-{Guid.NewGuid():N}.wav");
        try
        {
            Run(ffmpegExecutable, Arguments(path, temporaryWav, maxDuration), cancellationToken);
            return WaveSampleReader.Read(temporaryWav, maxDuration, cancellationToken);
        }
        finally
        {
            File.Delete(temporaryWav);
        }
    }

    private static List<string> Arguments(string input, string output, TimeSpan? maxDuration)
    {
        List<string> arguments = ["-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", "-i", FfmpegPath.ForArgumentList(input),
            "-map", "0:a:0", "-vn", "-sn", "-dn"];
        if (maxDuration is { } limit)
        {
            arguments.AddRange(["-t", (limit + LimitMargin).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["-c:a", "pcm_f32le", "-f", "wav", "-y", output]);
        return arguments;
    }

    private static void Run(string ffmpegExecutable, List<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(ffmpegExecutable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"ffmpeg could not be started as '{ffmpegExecutable}'; is it installed and on PATH?", exception);
        }

        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using (cancellationToken.Register(() => TryKill(process)))
        {
            process.WaitForExit();
        }

        cancellationToken.ThrowIfCancellationRequested();
        Task.WaitAll(standardError, standardOutput);
        if (process.ExitCode != 0)
        {
            var stderr = standardError.Result.Trim();
            throw new AudioDecodeException($"ffmpeg exited with code {process.ExitCode}: {stderr}", stderr, process.ExitCode);
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
