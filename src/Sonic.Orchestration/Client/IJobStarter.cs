using Sonic.Orchestration.Batches;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;

namespace Sonic.Orchestration.Client;

/// <summary>
/// Starts one render orchestration per job id, idempotently: an instance that already exists (in any state) is
/// success, not an error, so duplicate notifications and retried HTTP calls never start a second job.
/// </summary>
public interface IJobStarter
{
    /// <returns>The instance id (= job id) and whether this call created it.</returns>
    Task<(string InstanceId, bool Created)> StartAsync(JobRequest request, CancellationToken cancellationToken);

    /// <summary>The same for a batch (one orchestration per batch id, which starts its items itself).</summary>
    Task<(string InstanceId, bool Created)> StartBatchAsync(BatchRequest request, CancellationToken cancellationToken);

    /// <summary>The same for a webhook delivery (<see cref="DeliverWebhookOrchestration"/>), under its fixed instance id.</summary>
    Task<(string InstanceId, bool Created)> StartWebhookAsync(string instanceId, WebhookDelivery delivery, CancellationToken cancellationToken);
}
