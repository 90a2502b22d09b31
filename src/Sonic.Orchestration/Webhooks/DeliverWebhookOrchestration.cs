using Microsoft.DurableTask;
using Sonic.Orchestration.Rendering;
using Sonic.Pipeline.Jobs;

namespace Sonic.Orchestration.Webhooks;

/// <summary>
/// Delivers one callback at least once: an attempt per activity (<see cref="SendWebhookActivity"/>), durable timers
/// between them with the waits the sender chose, the same <c>webhook-id</c> throughout. Started by the job or batch
/// orchestration as an instance of its own (<see cref="StartAsync"/>), so a slow or absent receiver never delays or
/// fails the video;
/// its output, the <see cref="WebhookDeliveryLog"/>, is what the status API shows, and for dropped files it rewrites
/// the result document with the log.
/// </summary>
public static class DeliverWebhookOrchestration
{
    /// <summary>The delivery's instance id for a job or batch: found again by the status API.</summary>
    public static string InstanceId(string ownerId) => ownerId + "-webhook";

    /// <summary>
    /// Starts the delivery as an instance of its own (through <see cref="StartWebhookActivity"/>, a task hub client
    /// call, not a sub-orchestration: a host may keep an owner open until its sub-orchestrations end) and returns once
    /// it is scheduled. A failure to schedule it is logged, never the owner's failure.
    /// </summary>
    public static async Task StartAsync(TaskOrchestrationContext context, string ownerId, WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.CallActivityAsync<string>(OrchestrationNames.StartWebhook, new WebhookStart(InstanceId(ownerId), delivery), JobRetry.Options);
        }
        catch (TaskFailedException ex)
        {
            Log.NotStarted(context.CreateReplaySafeLogger(typeof(DeliverWebhookOrchestration)), ownerId, ex.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>The <c>webhook-id</c> of an owner's event: stable, so every attempt (and any replay) carries the same.</summary>
    public static string MessageId(string ownerId, string eventType) => $"msg_{ownerId}_{eventType.Replace('.', '_')}";

    public static async Task<WebhookDeliveryLog> RunAsync(TaskOrchestrationContext context, WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(delivery);
        var message = delivery.Message;
        WebhookAttempt attempt;
        var number = 0;
        while (true)
        {
            number++;
            try
            {
                attempt = await context.CallActivityAsync<WebhookAttempt>(
                    OrchestrationNames.SendWebhook, new WebhookAttemptInput(message, number), JobRetry.Options);
            }
            catch (TaskFailedException ex)
            {
                // The sender never throws for the receiver's sake; this is our own fault, after the activity's retries.
                attempt = new WebhookAttempt(number, null, "not sent: " + ex.FailureDetails.ErrorMessage.Split('\n', 2)[0], false, null);
            }

            if (attempt.Delivered || attempt.RetryInSeconds is not { } wait)
            {
                break;
            }

            await context.CreateTimer(TimeSpan.FromSeconds(wait), CancellationToken.None);
        }

        var log = new WebhookDeliveryLog(message.Type, message.Id, attempt.Delivered, number, attempt.Status, attempt.Error);
        if (delivery.JobResult is { } result)
        {
            await context.CallActivityAsync<string>(
                OrchestrationNames.WriteJobResult, result with { Outcome = result.Outcome with { Webhook = log } }, JobRetry.Options);
        }

        if (delivery.BatchResult is { } batch)
        {
            await context.CallActivityAsync<string>(
                OrchestrationNames.WriteBatchResult, batch with { Status = batch.Status with { Webhook = log } }, JobRetry.Options);
        }

        return log;
    }
}
