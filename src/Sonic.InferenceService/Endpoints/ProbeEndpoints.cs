using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sonic.InferenceService.Endpoints;

public static class ProbeEndpoints
{
    /// <summary>Tag of the checks <c>/readyz</c> runs (storage answers, the default model is warmed up).</summary>
    public const string ReadyTag = "ready";

    /// <summary><c>/healthz</c>: the process answers (no check). <c>/readyz</c>: every ready check passes, else 503.</summary>
    public static IEndpointRouteBuilder MapProbeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadinessAsync,
        });
        return endpoints;
    }

    /// <summary><c>{"ready":true,"default_model":…,"warm_up_seconds":…}</c>, or <c>{"ready":false,"problem":…}</c>.</summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var body = new Dictionary<string, object?> { ["ready"] = report.Status == HealthStatus.Healthy };
        foreach (var entry in report.Entries.Values)
        {
            foreach (var (key, value) in entry.Data)
            {
                body[key] = value;
            }
        }

        if (report.Entries.Values.FirstOrDefault(e => e.Status != HealthStatus.Healthy) is { Description: { } problem })
        {
            body["problem"] = problem;
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
