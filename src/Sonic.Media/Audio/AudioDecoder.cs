using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Media.Errors;

namespace Sonic.Media.Audio;

/// <summary>
/// Decodes a speech file to float PCM at its original rate and channel count. The format is recognised from the
/// bytes (<see cref="AudioFormatSniffer"/>): WAV through NAudio, MP3 through NLayer, everything else through ffmpeg.
/// A WAV or MP3 that the managed decoders reject is retried with ffmpeg before it is called unreadable.
/// </summary>
/// <param name="logger">Optional; decoding is logged at debug level, ffmpeg failures as warnings.</param>
/// <param name="ffmpegExecutable">ffmpeg's path or a name found on PATH.</param>
public sealed class AudioDecoder(ILogger<AudioDecoder>? logger = null, string ffmpegExecutable = "ffmpeg")
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    /// <inheritdoc cref="Decode(string, TimeSpan?, CancellationToken)"/>
    public PcmAudio Decode(string path, CancellationToken cancellationToken) => Decode(path, null, cancellationToken);

    /// <summary>
    /// Decodes <paramref name="path"/>. Returns audio with zero frames when the container is valid but holds none.
    /// </summary>
    /// <param name="path">The audio file; its name and extension are ignored.</param>
    /// <param name="maxDuration">
    /// When given, decoding stops as soon as the audio is known to be longer, so an hour-long upload never fills memory.
    /// </param>
    /// <param name="cancellationToken">Stops decoding (and kills ffmpeg).</param>
    /// <exception cref="SonicJobException">
    /// <see cref="ErrorCodes.InputNotFound"/>, <see cref="ErrorCodes.AudioEmpty"/> (a zero-byte file),
    /// <see cref="ErrorCodes.AudioTooLong"/> or <see cref="ErrorCodes.AudioUnreadable"/> (inner exception: the
    /// decoder's evidence, such as ffmpeg's stderr).
    /// </exception>
    public PcmAudio Decode(string path, TimeSpan? maxDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        cancellationToken.ThrowIfCancellationRequested();
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new SonicJobException(ErrorCodes.InputNotFound, $"The audio file '{file.Name}' was not found.");
        }

        if (file.Length == 0)
        {
            throw new SonicJobException(ErrorCodes.AudioEmpty, "The audio file is empty (0 bytes).");
        }

        var container = AudioFormatSniffer.Detect(path);
        var audio = container switch
        {
            AudioContainer.Wave => DecodeManaged(container, path, file.Length, maxDuration, WaveSampleReader.Read, cancellationToken),
            AudioContainer.Mpeg => DecodeManaged(container, path, file.Length, maxDuration, MpegSampleReader.Read, cancellationToken),
            _ => DecodeWithFfmpeg(path, maxDuration, cancellationToken),
        };

        Log.AudioDecoded(_logger, container, audio.SampleRate, audio.Channels, audio.DurationSeconds);
        return audio;
    }

    internal static long? MaxFrames(TimeSpan? maxDuration, int sampleRate)
        => maxDuration is { } limit ? (long)Math.Floor((limit.TotalSeconds * sampleRate) + 1e-6) : null;

    internal static SonicJobException TooLong(TimeSpan maxDuration)
        => new(
            ErrorCodes.AudioTooLong,
            string.Create(CultureInfo.InvariantCulture, $"The audio is longer than the limit of {maxDuration.TotalSeconds:0.##} seconds."));

    private PcmAudio DecodeManaged(
        AudioContainer container,
        string path,
        long fileLength,
        TimeSpan? maxDuration,
        Func<string, TimeSpan?, CancellationToken, PcmAudio> read,
        CancellationToken cancellationToken)
    {
        PcmAudio audio;
        try
        {
            audio = read(path, maxDuration, cancellationToken);
        }
        catch (Exception exception) when (exception is not (SonicJobException or OperationCanceledException or OutOfMemoryException))
        {
            // NAudio/NLayer reject a damaged header or an exotic encoding; ffmpeg is more forgiving and has the last word.
            Log.ManagedDecoderFailed(_logger, container, exception.Message);
            return DecodeWithFfmpeg(path, maxDuration, cancellationToken);
        }

        // A WAV written to a pipe may declare an empty data chunk and still carry samples; ffmpeg reads those to EOF.
        const int LargestPlausibleHeader = 64 * 1024;
        if (audio.FrameCount == 0 && fileLength > LargestPlausibleHeader)
        {
            return DecodeWithFfmpeg(path, maxDuration, cancellationToken);
        }

        return audio;
    }

    private PcmAudio DecodeWithFfmpeg(string path, TimeSpan? maxDuration, CancellationToken cancellationToken)
    {
        try
        {
            return FfmpegAudioReader.Read(ffmpegExecutable, path, maxDuration, cancellationToken);
        }
        catch (AudioDecodeException exception)
        {
            Log.FfmpegFailed(_logger, exception.ExitCode, exception.ToolOutput);
            throw new SonicJobException(
                ErrorCodes.AudioUnreadable,
                "The audio file could not be decoded; send WAV, MP3, M4A/AAC, OGG, FLAC or another common audio format.",
                exception);
        }
        catch (Exception exception) when (exception is FormatException or InvalidDataException or NotSupportedException or EndOfStreamException)
        {
            // ffmpeg succeeded but wrote something the WAV reader cannot take: still the input's fault.
            throw new SonicJobException(ErrorCodes.AudioUnreadable, "The audio file could not be decoded.", exception);
        }
    }
}
