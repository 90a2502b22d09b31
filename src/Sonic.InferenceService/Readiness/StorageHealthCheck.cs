using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sonic.Pipeline.Storage;

namespace Sonic.InferenceService.Readiness;

/// <summary>Ready only while the shared store answers: the service reads its inputs and writes frames there.</summary>
internal sealed class StorageHealthCheck(IArtifactStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetInfoAsync(new ArtifactRef(ContainerNames.Work, "readiness-probe"), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The artifact store does not answer.", e);
        }
    }
}
