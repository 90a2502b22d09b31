namespace Sonic.Orchestration.Webhooks;

/// <summary>
/// One event for one receiver: <see cref="Id"/> is the <c>webhook-id</c>, the same on every attempt so receivers can
/// de-duplicate; <see cref="Body"/> is the exact JSON that is signed and sent.
/// </summary>
public sealed record WebhookMessage(string Id, string Type, string Url, string Body, string? CorrelationId);
