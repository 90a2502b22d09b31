using Microsoft.Extensions.Logging;

namespace Sonic.Api;

internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Sonic:Api:ApiKey is not configured: the video API accepts requests without an API key (fine for local development only).")]
    public static partial void ApiKeyNotConfigured(ILogger logger);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Video job {JobId} accepted (created: {Created}; image {Image}, audio {Audio}; correlation {CorrelationId}).")]
    public static partial void JobAccepted(ILogger logger, string jobId, bool created, string image, string audio, string? correlationId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Video job {JobId} cancellation requested.")]
    public static partial void JobCancelRequested(ILogger logger, string jobId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Downloaded input {Url} ({Bytes} bytes) for job {JobId}.")]
    public static partial void InputDownloaded(ILogger logger, string url, long bytes, string jobId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Input download from {Url} failed: {Reason}")]
    public static partial void InputDownloadFailed(ILogger logger, string url, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Rejected a request to {Path} without a valid API key.")]
    public static partial void ApiKeyRejected(ILogger logger, string path);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Unreadable request to {Path}: {Reason}")]
    public static partial void BadRequest(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Video API request {Method} {Path} failed.")]
    public static partial void UnhandledError(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Job {JobId} has a custom status or output that is not a job document; reporting without it.")]
    public static partial void UnreadableJobDocument(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Batch {BatchId} accepted (created: {Created}; {Items} items; correlation {CorrelationId}).")]
    public static partial void BatchAccepted(ILogger logger, string batchId, bool created, int items, string? correlationId);
}
