using Microsoft.Extensions.Logging;

namespace Sonic.Worker.Durable;

internal static partial class Log
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Warning, Message = "Storage answers again after work items could not be handed back; starting a fresh task hub engine so they run again")]
    public static partial void EngineRestarting(ILogger logger);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "The task hub engine could not start; trying again when storage answers")]
    public static partial void EngineStartFailed(ILogger logger, Exception exception);
}
