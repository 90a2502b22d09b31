using Microsoft.Extensions.Logging;

namespace Sonic.Orchestration.Webhooks;

internal static partial class Log
{
    [LoggerMessage(EventId = 5300, Level = LogLevel.Information, Message = "Webhook {Type} {WebhookId} delivered on attempt {Attempt} (HTTP {Status})")]
    public static partial void Delivered(ILogger logger, string type, string webhookId, int attempt, int status);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Webhook {Type} {WebhookId} attempt {Attempt} failed: {Error}; next in {RetrySeconds} s")]
    public static partial void AttemptFailed(ILogger logger, string type, string webhookId, int attempt, string error, double? retrySeconds);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Webhook {Type} {WebhookId} not sent: {Error}")]
    public static partial void NotSent(ILogger logger, string type, string webhookId, string error);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Error, Message = "The webhook delivery for {OwnerId} could not be started: {Reason}")]
    public static partial void NotStarted(ILogger logger, string ownerId, string reason);
}
