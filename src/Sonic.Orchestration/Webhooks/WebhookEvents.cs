namespace Sonic.Orchestration.Webhooks;

/// <summary>The event types a callback carries in its <c>type</c> field.</summary>
public static class WebhookEvents
{
    public const string VideoCompleted = "video.completed";
    public const string VideoFailed = "video.failed";
    public const string BatchCompleted = "batch.completed";
}
