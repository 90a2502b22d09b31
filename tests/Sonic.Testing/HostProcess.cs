using System.Diagnostics;
using System.Reflection;
using System.Text;
using Xunit;

namespace Sonic.Testing;

/// <summary>
/// A built Sonic entry point (<c>src/&lt;project&gt;/bin/&lt;cfg&gt;/net10.0/&lt;assembly&gt;.dll</c>) run to its exit as
/// a child process, as an operator starts it: the given environment over this one minus every <c>Sonic__…</c> and
/// <c>SONIC_…</c> variable, in a fresh working folder (no appsettings.json), so only the test's settings apply.
/// </summary>
public static class HostProcess
{
    public static string DllPath(string project, string assembly)
    {
        var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return Path.Combine(TestPaths.RepositoryRoot, "src", project, "bin", configuration, "net10.0", assembly + ".dll");
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(
        string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var folder = TestPaths.NewTempFolder("sonic-host");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            start.ArgumentList.Add(dll);
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Sonic", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }

            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // A host that got past its settings runs until stopped; the test sees it as "did not exit".
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            TestPaths.TryDeleteFolder(folder);
        }
    }

    /// <summary>
    /// The start-up contract for a bad setting: exit <paramref name="exitCode"/>, and nothing on stdout or stderr but
    /// one line that starts with <paramref name="linePrefix"/> and names <paramref name="setting"/>; no stack frame.
    /// </summary>
    public static void AssertOneSettingsLine((int Exit, string Stdout, string Stderr) run, int exitCode, string linePrefix, string setting)
    {
        var output = run.Stdout + run.Stderr;
        Assert.True(run.Exit == exitCode, $"exit {run.Exit}: {output}");
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(linePrefix, line, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
