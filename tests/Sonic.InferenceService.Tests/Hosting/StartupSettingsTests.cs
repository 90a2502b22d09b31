using Sonic.Pipeline.Hosting;
using Sonic.Testing;

namespace Sonic.InferenceService.Tests.Hosting;

/// <summary>The built service started with a missing or unusable setting: one line naming it, exit 78, no stack trace.</summary>
public sealed class StartupSettingsTests
{
    private static readonly string Dll = HostProcess.DllPath("Sonic.InferenceService", "Sonic.InferenceService");

    [Fact]
    public async Task Start_WithoutStorage_PrintsOneLineNamingSonicStorage()
    {
        var run = await HostProcess.RunAsync(Dll, new Dictionary<string, string>());

        HostProcess.AssertOneSettingsLine(run, SonicHost.SettingsExitCode, "settings_invalid: ", "Sonic:Storage:ConnectionString");
        Assert.Contains("Sonic__Storage__", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sonic__InferenceServer__MaxConcurrentJobs", "abc", "Sonic:InferenceServer:MaxConcurrentJobs")]
    [InlineData("Sonic__InferenceServer__MaxConcurrentJobs", "0", "Sonic:InferenceServer:MaxConcurrentJobs")]
    [InlineData("Sonic__Audio__MaxDurationSeconds", "0", "Sonic:Audio:MaxDurationSeconds")]
    public async Task Start_WithUnusableValue_PrintsOneLineNamingTheSetting(string variable, string value, string setting)
    {
        var storage = TestPaths.NewTempFolder("sonic-settings");
        try
        {
            var run = await HostProcess.RunAsync(Dll, new Dictionary<string, string>
            {
                ["Sonic__Storage__LocalRoot"] = storage,
                [variable] = value,
            });

            HostProcess.AssertOneSettingsLine(run, SonicHost.SettingsExitCode, "settings_invalid: ", setting);
        }
        finally
        {
            TestPaths.TryDeleteFolder(storage);
        }
    }
}
