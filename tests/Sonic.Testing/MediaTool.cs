
namespace Sonic.Testing;

/// <summary>Runs ffmpeg for test fixtures (making clips), failing the test with ffmpeg's stderr if it fails.</summary>
public static class MediaTool
{
    public static void Ffmpeg(params string[] args)
    {
        using var process = ToolProcess.Start("ffmpeg", ["-v", "error", "-y", .. args]);
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {stderr.Result}");
        }
    }
}
