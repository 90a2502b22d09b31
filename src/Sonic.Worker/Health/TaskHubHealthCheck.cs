using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Sonic.Worker.Durable;

namespace Sonic.Worker.Health;

/// <summary>Ready once the Durable Task engine dispatches work from the task hub.</summary>
internal sealed class TaskHubHealthCheck(IEnumerable<IHostedService> hosted) : IHealthCheck
{
    private readonly TaskHubWorkerService? worker = hosted.OfType<TaskHubWorkerService>().FirstOrDefault();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(worker?.IsStarted == true
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The task hub worker has not started."));
}
