using DurableTask.AzureStorage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sonic.Worker.Health;

/// <summary>
/// Ready only while the storage account answers: one read of the task hub's instance table (the same account holds
/// the artifacts). A storage outage turns the worker unready instead of failing the jobs a balancer sends it.
/// </summary>
internal sealed class StorageHealthCheck(AzureStorageOrchestrationService taskHub) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await taskHub.GetOrchestrationStateAsync("sonic-readiness-probe", allExecutions: false).WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The storage account does not answer.", e);
        }
    }
}
