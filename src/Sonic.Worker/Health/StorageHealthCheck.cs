using DurableTask.AzureStorage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sonic.Worker.Durable;

namespace Sonic.Worker.Health;

/// <summary>
/// Ready only while the storage account answers (the task hub's tables; the same account holds the artifacts). A
/// storage outage turns the worker unready instead of failing the jobs a balancer sends it.
/// </summary>
internal sealed class StorageHealthCheck(AzureStorageOrchestrationService taskHub) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await TaskHubProbe.FailureAsync(taskHub, cancellationToken).ConfigureAwait(false) is { } failure
            ? HealthCheckResult.Unhealthy("The storage account does not answer.", failure)
            : HealthCheckResult.Healthy();
}
