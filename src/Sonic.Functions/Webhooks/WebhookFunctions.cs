using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Sonic.Orchestration;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;

namespace Sonic.Functions.Webhooks;

/// <summary>The callback delivery: the shared <see cref="DeliverWebhookOrchestration"/> and its attempt activity.</summary>
public sealed class WebhookFunctions(SendWebhookActivity send)
{
    [Function(OrchestrationNames.DeliverWebhook)]
    public static Task<WebhookDeliveryLog> DeliverAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DeliverWebhookOrchestration.RunAsync(context, context.GetInput<WebhookDelivery>()!);
    }

    [Function(OrchestrationNames.SendWebhook)]
    public Task<WebhookAttempt> SendAsync([ActivityTrigger] WebhookAttemptInput input, CancellationToken cancellationToken)
        => send.ExecuteAsync(input, cancellationToken);
}
