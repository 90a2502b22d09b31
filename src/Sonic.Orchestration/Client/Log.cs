using Microsoft.Extensions.Logging;

namespace Sonic.Orchestration.Client;

internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Job {JobId} scheduled")]
    public static partial void Scheduled(ILogger logger, string jobId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Job {JobId} already exists; not scheduled again")]
    public static partial void AlreadyExists(ILogger logger, string jobId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Job {JobId} was created concurrently elsewhere ({ExceptionType}); treated as success")]
    public static partial void LostRace(ILogger logger, string jobId, string exceptionType);
}
