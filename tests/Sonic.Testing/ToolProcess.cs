using System.Diagnostics;

namespace Sonic.Testing;

/// <summary>Starts ffmpeg/ffprobe with redirected output and an argument list (no shell quoting), for test helpers.</summary>
public static class ToolProcess
{
    public static Process Start(string executable, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException($"{executable} did not start.");
    }
}
