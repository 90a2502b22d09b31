using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Media.Audio;
using Sonic.Media.Errors;
using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Audio;

/// <summary>
/// Validates and prepares the speech file of a job: decode (any format), check limits and the optional
/// <c>duration</c>, trim leading/trailing silence (<c>trim_silence</c>), write <c>audio.wav</c> and
/// <c>audio_16k.wav</c> into the work folder, and compute the per-frame features.
/// </summary>
public sealed class AudioStage(AudioDecoder decoder, IOptions<AudioOptions> options, ILogger<AudioStage> logger)
{
    public const string WavFileName = "audio.wav";

    public const string Mono16kWavFileName = "audio_16k.wav";

    /// <summary>How far a given <c>duration</c> may differ from the decoded audio (ARCHITECTURE.md: 0.1 s).</summary>
    public const double DurationToleranceSeconds = 0.1;

    /// <exception cref="SonicJobException">
    /// <see cref="ErrorCodes.InputNotFound"/>, <see cref="ErrorCodes.AudioUnreadable"/>, <see cref="ErrorCodes.AudioEmpty"/>,
    /// <see cref="ErrorCodes.AudioTooLong"/>, <see cref="ErrorCodes.DurationMismatch"/>, <see cref="ErrorCodes.AudioSilent"/> or
    /// <see cref="ErrorCodes.AudioTooShort"/>.
    /// </exception>
    public PreparedAudio Prepare(string inputPath, RenderParameters parameters, string workFolder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrEmpty(workFolder);
        if (!File.Exists(inputPath))
        {
            throw new SonicJobException(ErrorCodes.InputNotFound, $"The audio file '{Path.GetFileName(inputPath)}' was not found.");
        }

        // The limit applies to the input as sent (before trimming): it bounds decoding time and memory.
        var maxDuration = TimeSpan.FromSeconds(options.Value.MaxDurationSeconds);
        var audio = decoder.Decode(inputPath, maxDuration, cancellationToken);
        if (audio.FrameCount == 0)
        {
            throw new SonicJobException(ErrorCodes.AudioEmpty, "The audio file holds no samples.");
        }

        if (audio.Duration > maxDuration)
        {
            throw new SonicJobException(ErrorCodes.AudioTooLong, Invariant(
                $"The audio lasts {audio.DurationSeconds:0.##} seconds, longer than the limit of {maxDuration.TotalSeconds:0.##} seconds."));
        }

        if (parameters.Duration is { } expected && Math.Abs(expected - audio.DurationSeconds) > DurationToleranceSeconds)
        {
            throw new SonicJobException(ErrorCodes.DurationMismatch, Invariant(
                $"The audio lasts {audio.DurationSeconds:0.00} seconds but duration is {expected:0.00}; they must agree within {DurationToleranceSeconds} seconds."));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var mono16k = AudioResampler.ToMono16k(audio);
        var speech = SilenceTrimmer.FindSpeech(mono16k, AudioResampler.SpeechSampleRate)
            ?? throw new SonicJobException(ErrorCodes.AudioSilent, Invariant(
                $"The audio is silent: nothing in it is louder than {SilenceTrimmer.AbsoluteThresholdDbfs} dBFS."));

        var kept = parameters.TrimSilence ? speech : new SpeechRange(0, mono16k.Length, AudioResampler.SpeechSampleRate);
        var (startFrame, endFrame) = kept.AtRate(audio.SampleRate, audio.FrameCount);
        if (kept.EndSample == mono16k.Length)
        {
            // Kept to the very end: take every original frame, not the 16 kHz length mapped back (±1 frame).
            endFrame = audio.FrameCount;
        }
        var kept16k = mono16k.AsMemory(kept.StartSample, kept.Length);
        var keptSeconds = kept.DurationSeconds;
        if (keptSeconds < options.Value.MinSpeechSeconds)
        {
            throw new SonicJobException(ErrorCodes.AudioTooShort, Invariant(
                $"The audio holds {keptSeconds:0.00} seconds of sound; at least {options.Value.MinSpeechSeconds:0.##} seconds are needed for a video."));
        }

        Directory.CreateDirectory(workFolder);
        var wavPath = Path.Combine(workFolder, WavFileName);
        var mono16kPath = Path.Combine(workFolder, Mono16kWavFileName);
        FloatWavWriter.Write(wavPath, audio.Frames(startFrame, endFrame), audio.SampleRate, audio.Channels);
        FloatWavWriter.Write(mono16kPath, kept16k.Span, AudioResampler.SpeechSampleRate, 1);

        cancellationToken.ThrowIfCancellationRequested();
        var features = AudioFeatureExtractor.Extract(kept16k.Span);
        var prepared = new PreparedAudio(
            wavPath,
            mono16kPath,
            SourceDurationSeconds: audio.DurationSeconds,
            DurationSeconds: (double)(endFrame - startFrame) / audio.SampleRate,
            TrimStartSeconds: (double)startFrame / audio.SampleRate,
            TrimEndSeconds: (double)endFrame / audio.SampleRate,
            audio.SampleRate,
            audio.Channels,
            features)
        {
            Mono16k = kept16k,
        };

        Log.AudioPrepared(logger, audio.SampleRate, audio.Channels, audio.DurationSeconds, prepared.TrimStartSeconds, prepared.TrimEndSeconds, features.FrameCount);
        return prepared;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
