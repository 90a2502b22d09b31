using Sonic.IntegrationTests.Infrastructure;
using Sonic.Pipeline.Hosting;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Hosting;

/// <summary>The built worker started with a missing or unusable setting: one line naming it, exit 78, no stack trace.</summary>
public sealed class WorkerSettingsTests
{
    [Fact]
    public async Task Start_WithoutStorage_PrintsOneLineNamingSonicStorage()
    {
        var run = await HostProcess.RunAsync(WorkerProcess.DllPath, new Dictionary<string, string>());

        HostProcess.AssertOneSettingsLine(run, SonicHost.SettingsExitCode, "settings_invalid: ", "Sonic:Storage:ConnectionString");
    }

    [Theory]
    [InlineData("Sonic__Worker__MaxConcurrentActivities", "abc", "Sonic:Worker:MaxConcurrentActivities")] // read while the host is built
    [InlineData("Sonic__Worker__MaxConcurrentActivities", "0", "Sonic:Worker:MaxConcurrentActivities")] // validated while the host is built
    [InlineData("Sonic__Worker__ApiUrls", "https://127.0.0.1:7071", "Sonic:Worker:ApiUrls")]
    [InlineData("Sonic__Api__MaxUploadBytes", "-1", "Sonic:Api:MaxUploadBytes")]
    public async Task Start_WithUnusableValue_PrintsOneLineNamingTheSetting(string variable, string value, string setting)
    {
        var storage = TestPaths.NewTempFolder("sonic-settings");
        try
        {
            var run = await HostProcess.RunAsync(WorkerProcess.DllPath, new Dictionary<string, string>
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
