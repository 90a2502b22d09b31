using Microsoft.Extensions.Logging;

namespace Sonic.Pipeline.Storage;

/// <summary>Artifact store log messages (event ids 4000–4099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Created container {Container} (public access: {Access})")]
    public static partial void ContainerCreated(ILogger logger, string container, string access);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "The storage account does not permit public access; {Container} stays private and its URLs need another way in: {Reason}")]
    public static partial void PublicAccessNotPermitted(ILogger logger, string container, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Uploaded {Artifact} ({Size} bytes)")]
    public static partial void Uploaded(ILogger logger, ArtifactRef artifact, long size);
}
