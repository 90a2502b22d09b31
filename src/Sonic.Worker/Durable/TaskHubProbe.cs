using DurableTask.AzureStorage;

namespace Sonic.Worker.Durable;

/// <summary>Whether the task hub's storage answers: one read of its instance table.</summary>
internal static class TaskHubProbe
{
    public static async Task<Exception?> FailureAsync(AzureStorageOrchestrationService taskHub, CancellationToken cancellationToken)
    {
        try
        {
            await taskHub.GetOrchestrationStateAsync("sonic-readiness-probe", allExecutions: false).WaitAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return e;
        }
    }
}
