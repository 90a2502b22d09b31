namespace Sonic.Orchestration.Webhooks;

/// <summary>What one delivery attempt got, and when to try again (null: delivered, refused, or out of attempts).</summary>
public sealed record WebhookAttempt(int Number, int? Status, string? Error, bool Delivered, double? RetryInSeconds);

/// <summary>The input of one attempt.</summary>
public sealed record WebhookAttemptInput(WebhookMessage Message, int Number);
