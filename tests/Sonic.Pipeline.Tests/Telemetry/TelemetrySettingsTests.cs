using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Sonic.Pipeline.Telemetry;

namespace Sonic.Pipeline.Tests.Telemetry;

public sealed class TelemetrySettingsTests
{
    [Theory]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD", true)]
    [InlineData("Authorization=AAD", true)]
    [InlineData(" clientid = abc ; authorization = aad ", true)]
    [InlineData("Authorization=Key", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void AzureMonitorIdentity_SignsInOnlyWhereAppInsightsAsksForEntraId(string? authentication, bool managedIdentity)
    {
        var credential = SonicTelemetryExtensions.AzureMonitorIdentity(authentication);

        Assert.Equal(managedIdentity, credential is DefaultAzureCredential);
    }

    [Theory]
    [InlineData("None")]
    [InlineData("Console")]
    [InlineData("Otlp")]
    public void AddSonicTelemetry_EachExporter_BuildsATracerProvider(string exporter)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sonic:Telemetry:Exporter"] = exporter })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSonicTelemetry(configuration, "sonic-test");

        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<TracerProvider>());
    }

    [Fact]
    public void AddSonicTelemetry_UnknownExporter_IsASettingsError()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sonic:Telemetry:Exporter"] = "Jaeger" })
            .Build();

        var error = Assert.ThrowsAny<Exception>(() => new ServiceCollection().AddSonicTelemetry(configuration, "sonic-test"));

        Assert.Contains("Sonic:Telemetry", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(System.Diagnostics.ActivityKind.Server, true)]
    [InlineData(System.Diagnostics.ActivityKind.Producer, true)]
    [InlineData(System.Diagnostics.ActivityKind.Internal, true)]
    [InlineData(System.Diagnostics.ActivityKind.Client, false)]
    public void Export_KeepsEveryRootButAnOutgoingCallOutsideATrace(System.Diagnostics.ActivityKind kind, bool kept)
    {
        var spans = new List<System.Diagnostics.Activity>();
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSonicTelemetry(configuration, "sonic-test").WithTracing(t => t.AddSource("sampler-test").AddInMemoryExporter(spans));
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<TracerProvider>();
        using var source = new System.Diagnostics.ActivitySource("sampler-test");

        using (source.StartActivity("root", kind))
        {
        }

        Assert.Equal(kept, spans.Count == 1);
    }
}
