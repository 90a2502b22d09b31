using Microsoft.Extensions.Logging;

namespace Sonic.Worker.Uploads;

internal static partial class Log
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, Message = "Upload scan failed; retrying in {Interval}")]
    public static partial void ScanFailed(ILogger logger, Exception exception, TimeSpan interval);
}
