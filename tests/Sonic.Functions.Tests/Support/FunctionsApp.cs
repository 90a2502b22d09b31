using System.Reflection;
using System.Text.Json;
using Sonic.Functions.Rendering;
using Sonic.Testing;

namespace Sonic.Functions.Tests.Support;

/// <summary>Where the Functions app's build output is, for the configuration these tests were built in.</summary>
public static class FunctionsApp
{
    public static Assembly Assembly { get; } = typeof(RenderVideoFunction).Assembly;

    /// <summary>Debug or Release: the Functions project is built in the same configuration as this test project.</summary>
    public static string Configuration { get; } =
        typeof(FunctionsApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string OutputFolder { get; } =
        Path.Combine(TestPaths.RepositoryRoot, "src", "Sonic.Functions", "bin", Configuration, "net10.0");

    public static string HostJsonPath { get; } = Path.Combine(TestPaths.RepositoryRoot, "host.json");

    public static JsonDocument ReadJson(string path)
    {
        Assert.True(File.Exists(path), $"{path} does not exist (build src/Sonic.Functions in {Configuration} first).");
        return JsonDocument.Parse(File.ReadAllText(path));
    }
}
