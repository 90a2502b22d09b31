using System.Text.Json.Nodes;

namespace Sonic.Deploy.Tests.Infrastructure;

[Collection(CompiledTemplateCollection.Name)]
public sealed class FunctionAppTests(CompiledTemplate template)
{
    private JsonObject Functions => template.Module("functions");

    private Dictionary<string, string> AppSettings =>
        SecurityPropertyTests.Single(Functions, "Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .Select(s => s!.AsObject())
            .ToDictionary(s => (string)s["name"]!, s => (string)s["value"]!, StringComparer.Ordinal);

    [Fact]
    public void Plan_Sku_IsFlexConsumptionFc1OnLinux()
    {
        var plan = SecurityPropertyTests.Single(Functions, "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);
    }

    [Fact]
    public void FunctionApp_Runtime_IsDotnetIsolated10WithDurableAlwaysReadyAndIdentityDeployment()
    {
        var config = SecurityPropertyTests.Single(Functions, "Microsoft.Web/sites")["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        var alwaysReady = config["scaleAndConcurrency"]!["alwaysReady"]!.AsArray();
        Assert.Contains(alwaysReady, a => (string?)a!["name"] == "durable");
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
    }

    [Fact]
    public void AppSettings_Storage_AreIdentityBasedServiceUris()
    {
        var settings = AppSettings;
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Contains($"AzureWebJobsStorage__{service}ServiceUri", settings.Keys);
        }

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("managedidentity", settings["SonicStorage__credential"]);
        Assert.Equal(settings["AzureWebJobsStorage__clientId"], settings["Sonic__Storage__ManagedIdentityClientId"]);
        Assert.Contains("Sonic__Storage__ServiceUri", settings.Keys);
        // Flex Consumption rejects these: the runtime comes from functionAppConfig, the package from blob storage.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
    }

    [Fact]
    public void AppSettings_Inference_PointAtTheContainerAppAndReadTheKeyFromKeyVault()
    {
        var settings = AppSettings;
        var inferenceUri = FunctionsModuleParameter("inferenceServiceUri");
        Assert.Contains("'Microsoft.Resources/deployments', 'inference')", inferenceUri, StringComparison.Ordinal);
        Assert.Contains(".outputs.uri.value", inferenceUri, StringComparison.Ordinal);
        Assert.Equal("[parameters('inferenceServiceUri')]", settings["Sonic__InferenceService__BaseUrl"]);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", settings["Sonic__InferenceService__ApiKey"], StringComparison.Ordinal);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", settings["Sonic__Webhooks__Secret"], StringComparison.Ordinal);
        Assert.Contains("webhookSecretUri", settings["Sonic__Webhooks__Secret"], StringComparison.Ordinal);
        Assert.Equal("/home/site/wwwroot/tools/ffmpeg", ResolveVariable(settings["SONIC_FFMPEG_DIR"]));
    }

    [Fact]
    public void AppSettings_Provenance_SignWithTheVaultCertificate_AndReadTheWatermarkKeyByReference()
    {
        var settings = AppSettings;
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", settings["Sonic__Provenance__WatermarkKey"], StringComparison.Ordinal);
        Assert.Contains("watermarkKeySecretUri", settings["Sonic__Provenance__WatermarkKey"], StringComparison.Ordinal);
        Assert.Equal("[parameters('keyVaultUri')]", settings["Sonic__Provenance__KeyVaultUri"]);
        Assert.Equal("[parameters('c2paCertificateName')]", settings["Sonic__Provenance__SigningCertificateName"]);
        Assert.Equal("[parameters('identityClientId')]", settings["Sonic__Provenance__ManagedIdentityClientId"]);
    }

    [Fact]
    public void AppSettings_Speech_UseAzureAISpeechWithTheManagedIdentity()
    {
        var settings = AppSettings;
        Assert.Equal("azure", settings["Sonic__Speech__Provider"]);
        Assert.Equal("[parameters('speechEndpoint')]", settings["Sonic__Speech__AzureEndpoint"]);
        Assert.Equal("[parameters('identityClientId')]", settings["Sonic__Speech__ManagedIdentityClientId"]);
        Assert.Equal("/home/site/wwwroot/tools/fonts", settings["SONIC_FONTS_DIR"]);
        Assert.Contains("'Microsoft.Resources/deployments', 'speech')", FunctionsModuleParameter("speechEndpoint"), StringComparison.Ordinal);
    }

    private string FunctionsModuleParameter(string name) =>
        CompiledTemplate.OfType(template.Root, "Microsoft.Resources/deployments")
            .Single(d => (string?)d["name"] == "functions")["properties"]!["parameters"]![name]!["value"]!.GetValue<string>();

    private string ResolveVariable(string expression)
    {
        const string prefix = "[variables('";
        return expression.StartsWith(prefix, StringComparison.Ordinal)
            ? (string)Functions["variables"]![expression[prefix.Length..^3]]!
            : expression;
    }
}
