using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sonic.InferenceService.Readiness;

/// <summary>Ready once the default model is loaded and has made its warm-up frame; the data says which and how long.</summary>
internal sealed class ModelsHealthCheck(ReadinessState readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy(
                "The default model is loaded and warmed up.",
                new Dictionary<string, object> { ["default_model"] = readiness.DefaultModel!, ["warm_up_seconds"] = readiness.WarmUpSeconds! })
            : HealthCheckResult.Unhealthy(readiness.Problem));
}
