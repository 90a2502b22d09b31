using System.Diagnostics;
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

public static class TelemetryServiceCollectionExtensions
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
            .WithTracing(tracing =>
            {
                // Outgoing calls only inside a trace: the task hub's queue polls would otherwise each start one.
                tracing.AddSource(SonicTelemetry.Name, DurableTaskSource)
                    .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = _ => Activity.Current is not null);
                switch (options.Exporter)
                {
                    case TelemetryExporter.Console:
                        tracing.AddConsoleExporter();
                        break;
                    case TelemetryExporter.Otlp:
                        tracing.AddOtlpExporter();
                        break;
                }

                if (!string.IsNullOrWhiteSpace(azureMonitor))
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = azureMonitor);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SonicTelemetry.Name).AddHttpClientInstrumentation();
                switch (options.Exporter)
                {
                    case TelemetryExporter.Console:
                        metrics.AddConsoleExporter();
                        break;
                    case TelemetryExporter.Otlp:
                        metrics.AddOtlpExporter();
                        break;
                }

                if (!string.IsNullOrWhiteSpace(azureMonitor))
                {
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = azureMonitor);
                }
            });
        return builder;
    }
}
