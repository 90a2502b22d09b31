using System.Text.Json;
using Sonic.Pipeline.Hosting;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Cli;

/// <summary>
/// The built CLI under a bad <c>Sonic__…</c> variable: one error line naming the setting before any work, exit 78.
/// A child process, because environment variables are process-wide and other CLI tests run in parallel.
/// </summary>
public sealed class CliSettingsTests
{
    private static readonly string Dll = HostProcess.DllPath("Sonic.Cli", "sonic");

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    public async Task Render_BadAudioLimitInEnvironment_PrintsOneLineNamingTheSetting(string value)
    {
        var output = Path.Combine(Path.GetTempPath(), $"sonic-settings-{Guid.NewGuid():N}.mp4");

        var run = await HostProcess.RunAsync(
            Dll,
            new Dictionary<string, string> { ["Sonic__Audio__MaxDurationSeconds"] = value },
            "render", TestPaths.OwnSample("astronaut.png"), TestPaths.OwnSample("speech.wav"), "-o", output);

        HostProcess.AssertOneSettingsLine(run, SonicHost.SettingsExitCode, "error: settings_invalid: ", "Sonic:Audio:MaxDurationSeconds");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Render_BadAudioLimitWithJson_PrintsTheCodeAsJson()
    {
        var run = await HostProcess.RunAsync(
            Dll,
            new Dictionary<string, string> { ["Sonic__Audio__MaxDurationSeconds"] = "abc" },
            "render", TestPaths.OwnSample("astronaut.png"), TestPaths.OwnSample("speech.wav"), "--json");

        Assert.Equal(SonicHost.SettingsExitCode, run.Exit);
        Assert.Empty(run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("settings_invalid", error.GetProperty("code").GetString());
        Assert.Contains("Sonic__Audio__MaxDurationSeconds", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
