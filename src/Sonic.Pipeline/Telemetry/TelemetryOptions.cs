namespace Sonic.Pipeline.Telemetry;

/// <summary>
/// Where traces and metrics go, bound from <c>Sonic:Telemetry</c>. Azure Monitor is added on top whenever
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (App Service and Container Apps set it from App Insights), so
/// no key lives in code or settings files.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Sonic:Telemetry";

    /// <summary>The standard name Azure sets for the App Insights connection string.</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// <c>ClientId=…;Authorization=AAD</c> where the resource refuses keys (ours: <c>DisableLocalAuth</c>): the exporter
    /// then signs in with that managed identity.
    /// </summary>
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>None (default), Console (spans and metrics printed, for a look locally) or Otlp (to OTEL_EXPORTER_OTLP_ENDPOINT).</summary>
    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.None;
}

public enum TelemetryExporter
{
    None,
    Console,
    Otlp,
}
