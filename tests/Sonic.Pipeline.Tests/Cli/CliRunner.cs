using Sonic.Cli;

namespace Sonic.Pipeline.Tests.Cli;

/// <summary>Runs the CLI in this process, as `sonic …` would, and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await SonicCli.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary><c>sonic render IMAGE samples/speech.wav -o OUTPUT OPTIONS…</c>, which must succeed; returns <paramref name="output"/>.</summary>
    public static async Task<string> RenderSpeechAsync(string image, string output, params string[] options)
    {
        var (exit, stdout, stderr) = await Run(["render", image, Sonic.Testing.TestPaths.OwnSample("speech.wav"), "-o", output, .. options]);
        Xunit.Assert.True(exit == 0, stderr + stdout);
        return output;
    }
}
