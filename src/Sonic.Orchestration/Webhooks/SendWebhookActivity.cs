using Sonic.Orchestration.Activities;

namespace Sonic.Orchestration.Webhooks;

/// <summary>One delivery attempt (<see cref="WebhookSender"/>).</summary>
public sealed class SendWebhookActivity(WebhookSender sender) : JobActivity<WebhookAttemptInput, WebhookAttempt>
{
    protected override Task<WebhookAttempt> RunStageAsync(WebhookAttemptInput input, CancellationToken cancellationToken)
        => sender.SendAsync(input.Message, input.Number, cancellationToken);
}
