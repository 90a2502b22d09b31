using Sonic.Testing;

namespace Sonic.Deploy.Tests.Tooling;

/// <summary>Runs a command to completion with a time limit, reading both streams concurrently.</summary>
public static class Command
{
    public static async Task<CommandResult> RunAsync(string executable, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = ToolProcess.Start(executable, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', arguments)} ran longer than {timeout}.");
        }

        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
