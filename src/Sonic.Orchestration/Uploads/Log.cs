using Microsoft.Extensions.Logging;

namespace Sonic.Orchestration.Uploads;

internal static partial class Log
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Upload {Stem}: started job {JobId}")]
    public static partial void JobStarted(ILogger logger, string stem, string jobId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Upload {Stem}: job {JobId} not started, parameters rejected: {Reason}")]
    public static partial void ParametersRejected(ILogger logger, string stem, string jobId, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Upload {Stem}: dispatch failed; the next scan retries")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string stem);
}
