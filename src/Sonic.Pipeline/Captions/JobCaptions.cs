using Sonic.Media.Audio;
using Sonic.Media.Speech;
using Sonic.Media.Video;
using Sonic.Pipeline.Audio;
using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Captions;

/// <summary>
/// The captions one job asked for (<see cref="RenderParameters.CaptionMode"/>), made from its word timings before the
/// encode: sidecar WebVTT + SRT files, or an ASS script the encoder burns into the picture. The CLI and the durable
/// Encode stage share it, so both place and time captions the same way.
/// </summary>
public sealed record JobCaptions(string? VttPath, string? SrtPath, string? AssPath, int CueCount)
{
    /// <summary>
    /// A recording's <see cref="RenderParameters.Transcript"/> timed against its prepared speech, in the recording's
    /// own time (before trimming) like a script's words; null without a transcript.
    /// </summary>
    public static IReadOnlyList<WordTiming>? AlignTranscript(RenderParameters parameters, PreparedAudio audio)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(audio);
        return parameters.Transcript is { } transcript
            ? TranscriptAligner.Align(transcript, audio.Mono16k.Span, AudioResampler.SpeechSampleRate, audio.TrimStartSeconds)
            : null;
    }

    /// <param name="words">The speech's word timings (seconds into the recording before trimming).</param>
    /// <param name="trimStartSeconds">The silence the audio stage cut off the start: every cue moves earlier by it.</param>
    /// <param name="folder">Where the files are written, as <paramref name="baseName"/>.vtt / .srt, or <c>captions.ass</c>.</param>
    /// <returns>Null when the job wants no captions or there is nothing to caption.</returns>
    public static JobCaptions? Make(
        IReadOnlyList<WordTiming>? words, double trimStartSeconds, RenderParameters parameters, VideoEncodeSettings settings, string folder, string baseName)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        var mode = parameters.CaptionMode;
        if (words is not { Count: > 0 } || mode == RenderParameters.CaptionsNone)
        {
            return null;
        }

        var cues = CaptionBuilder.Build(words, -trimStartSeconds, settings.DurationSeconds);
        if (cues.Count == 0)
        {
            return null;
        }

        if (mode == RenderParameters.CaptionsBurn)
        {
            // A fixed name: the path goes into an ffmpeg filter graph, where a user's file name could break the quoting.
            return new JobCaptions(null, null, CaptionFiles.WriteAss(Path.Combine(folder, "captions.ass"), cues, settings.Width, settings.Height), cues.Count);
        }

        var (vtt, srt) = CaptionFiles.Write(folder, baseName + ".mp4", cues);
        return new JobCaptions(vtt, srt, null, cues.Count);
    }
}
