using System.Text.Json;
using Sonic.Pipeline.Hosting;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Cli;

/// <summary>
/// The built CLI as a child process, for what is process-wide (environment variables, the console's encoding) and so
/// cannot be set for one in-process run while other CLI tests run in parallel.
/// </summary>
public sealed class CliProcessTests
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

    [Fact]
    public async Task Render_UnderCLocale_PrintsNonAsciiNamesAsUtf8()
    {
        var image = Path.Combine(Path.GetTempPath(), $"头像 🎬 {Guid.NewGuid():N}.png");

        var run = await HostProcess.RunAsync(
            Dll,
            new Dictionary<string, string> { ["LANG"] = "C", ["LC_ALL"] = "C" },
            "render", image, TestPaths.OwnSample("speech.wav"), "--json");

        Assert.Equal(2, run.Exit);
        Assert.Contains("头像 🎬", run.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("input_not_found", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
