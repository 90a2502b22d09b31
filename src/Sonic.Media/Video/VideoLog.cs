using Microsoft.Extensions.Logging;

namespace Sonic.Media.Video;

/// <summary>Source-generated log messages of the video encoder (event ids 3100–3199).</summary>
internal static partial class VideoLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information,
        Message = "Encoding {FrameCount} frames of {Width}x{Height} at {Fps} fps ({AudioCodec}) to {OutputPath}")]
    public static partial void EncodeStarted(ILogger logger, int frameCount, int width, int height, int fps, string audioCodec, string outputPath);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Encoded {OutputPath}: {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void EncodeFinished(ILogger logger, string outputPath, long bytes, long elapsedMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "ffmpeg failed with exit code {ExitCode}; stderr tail: {StandardError}")]
    public static partial void EncodeFailed(ILogger logger, int exitCode, string standardError);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Encode of {OutputPath} cancelled")]
    public static partial void EncodeCancelled(ILogger logger, string outputPath);
}
