using System.Reflection;
using Sonic.Media.Video;

namespace Sonic.Deploy.Tests.Tooling;

/// <summary>
/// The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64, which restoring this project installs
/// (the package folder is recorded in the test assembly at build time).
/// </summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string ExecutablePath
    {
        get
        {
            var folder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "BicepPackageFolder").Value;
            if (string.IsNullOrEmpty(folder))
            {
                throw new InvalidOperationException("The Bicep package folder was not recorded; restore tests/Sonic.Deploy.Tests.");
            }

            var path = Path.Combine(folder, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
            // NuGet may extract the binary without its execute bit.
            return ExecutableStaging.EnsureExecutable(path, Path.Combine(Path.GetTempPath(), "sonic-bicep"));
        }
    }

    public static Task<CommandResult> RunAsync(params string[] arguments) =>
        Command.RunAsync(ExecutablePath, arguments, Timeout);
}
