using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sonic.Media.Diagnostics;
using Sonic.Pipeline.Hosting;

namespace Sonic.Pipeline.Telemetry;

public static class SonicTelemetryExtensions
{
    /// <summary>The Durable Task Framework's own source: create_orchestration, orchestration and activity spans.</summary>
    public const string DurableTaskSource = "DurableTask.Core";

    /// <summary>
    /// OpenTelemetry for one host: Sonic's spans and metrics, the Durable Task engine's spans, outgoing HTTP calls
    /// (trace context propagated), and the exporters <see cref="TelemetryOptions"/> names. Hosts add their own
    /// instrumentation (ASP.NET Core, the Functions worker) on the returned builder.
    /// </summary>
    public static OpenTelemetryBuilder AddSonicTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        var options = SonicHost.ReadSettings<TelemetryOptions>(configuration, TelemetryOptions.SectionName);
        var azureMonitor = configuration[TelemetryOptions.AzureMonitorSetting];

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource(SonicTelemetry.Name, DurableTaskSource)
                .AddHttpClientInstrumentation()
                .AddProcessor(new BackgroundCallFilter()))
            .WithMetrics(metrics => metrics.AddMeter(SonicTelemetry.Name).AddHttpClientInstrumentation());
        switch (options.Exporter)
        {
            case TelemetryExporter.Console:
                builder.WithTracing(tracing => tracing.AddConsoleExporter()).WithMetrics(metrics => metrics.AddConsoleExporter());
                break;
            case TelemetryExporter.Otlp:
                builder.UseOtlpExporter();
                break;
        }

        if (!string.IsNullOrWhiteSpace(azureMonitor))
        {
            var identity = AzureMonitorIdentity(configuration[TelemetryOptions.AzureMonitorAuthenticationSetting]);
            builder.UseAzureMonitorExporter(monitor =>
            {
                monitor.ConnectionString = azureMonitor;
                monitor.Credential = identity;
            });
        }

        return builder;
    }

    /// <summary>The managed identity that <c>ClientId=…;Authorization=AAD</c> names; null (key auth) for anything else.</summary>
    public static TokenCredential? AzureMonitorIdentity(string? authentication)
    {
        var parts = (authentication ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = parts.GetValueOrDefault("ClientId") });
    }
}
