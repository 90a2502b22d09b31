using Microsoft.Extensions.Logging;

namespace Sonic.Media.Audio;

/// <summary>Audio decoding log messages (event ids 1100–1199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Decoded {Container} audio: {SampleRate} Hz, {Channels} channel(s), {DurationSeconds:0.000} s")]
    public static partial void AudioDecoded(ILogger logger, AudioContainer container, int sampleRate, int channels, double durationSeconds);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "The managed {Container} decoder rejected the file ({Reason}); trying ffmpeg")]
    public static partial void ManagedDecoderFailed(ILogger logger, AudioContainer container, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "ffmpeg could not decode the audio (exit code {ExitCode}): {Stderr}")]
    public static partial void FfmpegFailed(ILogger logger, int? exitCode, string? stderr);
}
