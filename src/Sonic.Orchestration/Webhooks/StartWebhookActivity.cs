using Sonic.Orchestration.Activities;
using Sonic.Orchestration.Client;

namespace Sonic.Orchestration.Webhooks;

/// <summary>The input of <see cref="StartWebhookActivity"/>: the delivery and its fixed instance id.</summary>
public sealed record WebhookStart(string InstanceId, WebhookDelivery Delivery);

/// <summary>
/// Schedules a <see cref="DeliverWebhookOrchestration"/> instance through the task hub client. Idempotent like job
/// starts (a retried activity finds the instance it made), so a delivery is started at most once per event.
/// </summary>
public sealed class StartWebhookActivity(IJobStarter starter) : JobActivity<WebhookStart, string>
{
    protected override async Task<string> RunStageAsync(WebhookStart input, CancellationToken cancellationToken)
    {
        var (id, _) = await starter.StartWebhookAsync(input.InstanceId, input.Delivery, cancellationToken).ConfigureAwait(false);
        return id;
    }
}
