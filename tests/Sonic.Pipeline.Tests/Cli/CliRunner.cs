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
}
