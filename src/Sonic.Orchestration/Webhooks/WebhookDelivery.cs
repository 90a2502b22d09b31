using Sonic.Orchestration.Activities;
using Sonic.Orchestration.Batches;

namespace Sonic.Orchestration.Webhooks;

/// <summary>
/// The input of <see cref="DeliverWebhookOrchestration"/>: the message, and for dropped files the result document to
/// write again with the delivery log once the delivery has ended.
/// </summary>
public sealed record WebhookDelivery(WebhookMessage Message, JobResultInput? JobResult = null, BatchResultInput? BatchResult = null);
