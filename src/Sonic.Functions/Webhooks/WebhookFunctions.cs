using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Sonic.Orchestration;
using Sonic.Orchestration.Client;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;

namespace Sonic.Functions.Webhooks;

/// <summary>
/// The callback delivery: the shared <see cref="DeliverWebhookOrchestration"/>, its attempt activity, and the activity
/// that starts it (its task hub client comes from the binding, wrapped in a <see cref="JobStarter"/> per call, as the
/// HTTP functions do).
/// </summary>
public sealed class WebhookFunctions(SendWebhookActivity send, ILoggerFactory loggers)
{
    [Function(OrchestrationNames.DeliverWebhook)]
    public static Task<WebhookDeliveryLog> DeliverAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DeliverWebhookOrchestration.RunAsync(context, context.GetInput<WebhookDelivery>()!);
    }

    [Function(OrchestrationNames.StartWebhook)]
    public Task<string> StartAsync([ActivityTrigger] WebhookStart input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => new StartWebhookActivity(new JobStarter(client, loggers.CreateLogger<JobStarter>())).ExecuteAsync(input, cancellationToken);

    [Function(OrchestrationNames.SendWebhook)]
    public Task<WebhookAttempt> SendAsync([ActivityTrigger] WebhookAttemptInput input, CancellationToken cancellationToken)
        => send.ExecuteAsync(input, cancellationToken);
}
