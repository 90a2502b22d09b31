using Microsoft.Extensions.Logging;

namespace Sonic.Orchestration.Batches;

internal static partial class Log
{
    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Manifest {Manifest}: started batch {BatchId} of {Items} items")]
    public static partial void BatchStarted(ILogger logger, string manifest, string batchId, int items);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Manifest {Manifest} refused: {Reason}")]
    public static partial void ManifestRefused(ILogger logger, string manifest, string reason);
}
