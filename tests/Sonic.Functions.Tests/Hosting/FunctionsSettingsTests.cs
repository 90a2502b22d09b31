using Sonic.Pipeline.Hosting;
using Sonic.Testing;

namespace Sonic.Functions.Tests.Hosting;

/// <summary>
/// The built Functions worker started without storage settings: one line naming them, exit 78, no stack trace. The
/// settings are checked before the worker looks for its Functions host, so this holds outside one too.
/// </summary>
public sealed class FunctionsSettingsTests
{
    [Fact]
    public async Task Start_WithoutStorage_PrintsOneLineNamingSonicStorage()
    {
        var run = await HostProcess.RunAsync(HostProcess.DllPath("Sonic.Functions", "Sonic.Functions"), new Dictionary<string, string>());

        HostProcess.AssertOneSettingsLine(run, SonicHost.SettingsExitCode, "settings_invalid: ", "Sonic:Storage:ConnectionString");
    }
}
