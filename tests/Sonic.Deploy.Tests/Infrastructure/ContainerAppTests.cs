using System.Text.Json.Nodes;

namespace Sonic.Deploy.Tests.Infrastructure;

[Collection(CompiledTemplateCollection.Name)]
public sealed class ContainerAppTests(CompiledTemplate template)
{
    private JsonObject App => SecurityPropertyTests.Single(template.Module("inference"), "Microsoft.App/containerApps");

    [Fact]
    public void Environment_WorkloadProfiles_AreConsumptionAndTheChosenGpu()
    {
        var environment = template.Module("container-apps-environment");
        var profiles = SecurityPropertyTests.Single(environment, "Microsoft.App/managedEnvironments")["properties"]!["workloadProfiles"]!.AsArray();
        Assert.Equal(2, profiles.Count);
        Assert.Contains(profiles, p => (string?)p!["workloadProfileType"] == "Consumption");
        Assert.Contains(profiles, p => (string?)p!["workloadProfileType"] == "[parameters('gpuWorkloadProfileType')]");
        Assert.Equal(["Consumption-GPU-NC8as-T4", "Consumption-GPU-NC24-A100"], AllowedValues(environment, "gpuWorkloadProfileType"));
        Assert.Equal(["Consumption-GPU-NC8as-T4", "Consumption-GPU-NC24-A100"], AllowedValues(template.Root, "gpuWorkloadProfileType"));
    }

    [Fact]
    public void Location_AllowedValues_AreServerlessGpuRegions()
    {
        Assert.Equal(["australiaeast", "swedencentral", "westus3"], AllowedValues(template.Root, "location"));
    }

    [Fact]
    public void InferenceApp_Scale_StartsAtZeroOnTheGpuProfile()
    {
        var properties = App["properties"]!;
        Assert.Equal(0, (int)properties["template"]!["scale"]!["minReplicas"]!);
        Assert.Equal("[parameters('gpuWorkloadProfileName')]", (string?)properties["workloadProfileName"]);
        Assert.Equal("gpu", (string?)template.Root["variables"]!["gpuWorkloadProfileName"]);
    }

    [Fact]
    public void InferenceApp_Ingress_IsHttpsOnlyAndTheApiKeyComesFromKeyVault()
    {
        var configuration = App["properties"]!["configuration"]!;
        Assert.False((bool)configuration["ingress"]!["allowInsecure"]!);
        var secret = configuration["secrets"]!.AsArray().Single()!;
        Assert.Equal("[parameters('inferenceApiKeySecretUri')]", (string?)secret["keyVaultUrl"]);
        Assert.Null(secret["value"]);
        var registry = configuration["registries"]!.AsArray().Single()!;
        Assert.Equal("[parameters('identityId')]", (string?)registry["identity"]);
        Assert.Null(registry["passwordSecretRef"]);
    }

    [Fact]
    public void InferenceApp_Probes_CheckHealthAndReadiness()
    {
        var container = App["properties"]!["template"]!["containers"]!.AsArray().Single()!;
        var probes = container["probes"]!.AsArray().ToDictionary(p => (string)p!["type"]!, p => (string)p!["httpGet"]!["path"]!);
        Assert.Equal("/healthz", probes["Liveness"]);
        Assert.Equal("/healthz", probes["Startup"]);
        Assert.Equal("/readyz", probes["Readiness"]);
    }

    private static string[] AllowedValues(JsonObject module, string parameter) =>
        module["parameters"]![parameter]!["allowedValues"]!.AsArray().Select(v => (string)v!).ToArray();
}
