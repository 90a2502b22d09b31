using System.Text.Json.Nodes;
using Sonic.Deploy.Tests.Tooling;

namespace Sonic.Deploy.Tests.Infrastructure;

/// <summary>
/// infra/main.bicep compiled once with `bicep build` (and linted once), shared by the tests of a class. The ARM JSON
/// nests each module as a Microsoft.Resources/deployments resource; <see cref="Module"/> returns a module's template.
/// </summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    public CommandResult Build { get; private set; } = null!;

    public CommandResult Lint { get; private set; } = null!;

    public JsonObject Root { get; private set; } = null!;

    public string Json { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var build = BicepCli.RunAsync("build", DeploymentFiles.MainBicep, "--stdout");
        var lint = BicepCli.RunAsync("lint", DeploymentFiles.MainBicep);
        Build = await build;
        Lint = await lint;
        Json = Build.StandardOutput;
        Root = Build.ExitCode == 0 ? JsonNode.Parse(Json)!.AsObject() : new JsonObject();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The template of the module deployed under <paramref name="deploymentName"/> in main.bicep.</summary>
    public JsonObject Module(string deploymentName) =>
        Resources(Root)
            .Where(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == deploymentName)
            .Select(r => r["properties"]!["template"]!.AsObject())
            .Single();

    /// <summary>The resources of a template, whether compiled as an array or (symbolic names) as an object.</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject map => map.Select(p => p.Value!.AsObject()),
        _ => [],
    };

    public static IEnumerable<JsonObject> OfType(JsonObject template, string type) =>
        Resources(template).Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));
}
