using Microsoft.Extensions.Logging;

namespace Sonic.Worker.Durable;

internal static partial class Log
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Warning, Message = "Storage answers again after work items could not be handed back; starting a fresh task hub engine so they run again")]
    public static partial void EngineRestarting(ILogger logger);
}
