using Microsoft.Extensions.Logging;

namespace Sonic.Pipeline.Audio;

/// <summary>Audio stage log messages (event ids 2100–2199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information,
        Message = "Audio prepared: {SampleRate} Hz × {Channels}, {SourceSeconds:0.000} s decoded, kept {StartSeconds:0.000}–{EndSeconds:0.000} s ({FrameCount} video frames)")]
    public static partial void AudioPrepared(ILogger logger, int sampleRate, int channels, double sourceSeconds, double startSeconds, double endSeconds, int frameCount);
}
