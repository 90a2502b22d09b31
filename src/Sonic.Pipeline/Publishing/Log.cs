using Microsoft.Extensions.Logging;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Publishing;

/// <summary>Publishing log messages (event ids 4100–4199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Published job {JobId} as {Video} ({Size} bytes)")]
    public static partial void Published(ILogger logger, string jobId, ArtifactRef video, long size);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Removed {Artifact}, left over from an earlier publish of the same job under another name")]
    public static partial void RemovedStale(ILogger logger, ArtifactRef artifact);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Wrote the outcome of {Stem} ({Status}) to {Result}")]
    public static partial void ResultWritten(ILogger logger, string stem, string status, ArtifactRef result);
}
