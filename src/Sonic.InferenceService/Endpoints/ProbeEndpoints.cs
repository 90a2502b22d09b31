using Sonic.InferenceService.Readiness;

namespace Sonic.InferenceService.Endpoints;

public static class ProbeEndpoints
{
    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the default model's animator is loaded and warmed up (else 503).</summary>
    public static IEndpointRouteBuilder MapProbeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", (ReadinessState readiness) => readiness.IsReady
            ? Results.Json(new { ready = true, warm_up_seconds = readiness.WarmUpSeconds, default_model = readiness.DefaultModel })
            : Results.Json(new { ready = false, problem = readiness.Problem }, statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }
}
