using System.Runtime.InteropServices;
using System.Text;
using Sonic.Media.Audio;
using Sonic.Media.Errors;

namespace Sonic.Media.Speech;

/// <summary>
/// espeak-ng through its library (Debian <c>libespeak-ng1</c>): synchronous synthesis into a callback that hears the
/// samples and the word events — each word's character position in the script and its start in the audio (ms), so
/// the timings are espeak-ng's own, not guessed. Voices: a language tag (<c>en-US</c>, <c>zh</c>, <c>ja</c>, …) or an
/// espeak-ng voice name. The library is process-global: one synthesis at a time.
/// </summary>
public sealed class EspeakSpeechSynthesizer : ISpeechSynthesizer
{
    /// <summary>espeak-ng's normal rate in words per minute, which <see cref="SpeechRequest.SpeakingRate"/> multiplies.</summary>
    public const int NormalWordsPerMinute = 175;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Lazy<int> SampleRate = new(Initialize);
    private static readonly EspeakNative.SynthCallback Callback = OnSynth;
    private static Capture? current;

    public string Name => "espeak-ng";

    /// <summary>
    /// The espeak-ng voice (its file name, which <c>espeak_SetVoiceByName</c> takes) for a language tag: each
    /// language's default voice, else the tag itself as a voice name.
    /// </summary>
    public static string VoiceFor(string? voice, string? language)
    {
        var tag = (voice ?? language ?? "en-US").Trim();
        return tag.ToLowerInvariant() switch
        {
            "en" or "en-us" => "en-us",
            "en-gb" => "en",
            "zh" or "zh-cn" or "cmn" or "zh-hans" or "cmn-cn" => "cmn",
            "es" or "es-es" => "es",
            "es-mx" or "es-419" => "es-419",
            "fr" or "fr-fr" => "fr",
            "de" or "de-de" => "de",
            "ja" or "ja-jp" => "ja",
            var other => other,
        };
    }

    public async Task<SynthesizedSpeech> SynthesizeAsync(SpeechRequest request, string wavPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var voice = VoiceFor(request.Voice, request.Language);
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rate = SampleRate.Value;
            if (EspeakNative.SetVoiceByName(voice) != 0)
            {
                throw new SonicJobException(ErrorCodes.VoiceUnknown, $"There is no espeak-ng voice '{Printable(voice)}'; use a language tag such as en-US, zh, es, fr, de or ja.");
            }

            EspeakNative.SetParameter(EspeakNative.ParameterRate, (int)Math.Round(NormalWordsPerMinute * request.SpeakingRate), 0);
            var text = Encoding.UTF8.GetBytes(request.Script + "\0");
            var capture = new Capture(cancellationToken);
            var flags = EspeakNative.CharsUtf8 | EspeakNative.EndPause | (request.IsSsml ? EspeakNative.Ssml : 0);
            int status;
            current = capture;
            try
            {
                status = EspeakNative.Synth(text, (nuint)text.Length, 0, EspeakNative.PositionCharacter, 0, flags, IntPtr.Zero, IntPtr.Zero);
                EspeakNative.Synchronize();
            }
            finally
            {
                current = null;
            }

            // The callback cannot throw into native code: it stops synthesis and leaves what went wrong here.
            cancellationToken.ThrowIfCancellationRequested();
            if (capture.Failure is { } failure)
            {
                throw new InvalidOperationException("Reading espeak-ng's output failed.", failure);
            }

            if (status != 0)
            {
                throw new SonicJobException(ErrorCodes.TtsUnavailable, $"espeak-ng could not synthesise the script (error {status}).");
            }

            var samples = capture.Samples.Select(v => v / 32768f).ToArray();
            var seconds = samples.Length / (double)rate;
            FloatWavWriter.Write(wavPath, samples, rate, channels: 1);
            return new SynthesizedSpeech(wavPath, seconds, Words(request.Script, capture.Words, seconds), voice);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Each word event's text — from its character position in the script up to the next word's, so punctuation
    /// stays with the word before it (<c>store.</c>, <c>店。</c>) — and its time, from its start to the next word's.
    /// </summary>
    private static List<WordTiming> Words(string script, List<(int Position, int Length, int Milliseconds)> events, double seconds)
    {
        var runes = script.EnumerateRunes().ToArray();
        // Some voices report two events for one word (French "Aujourd'hui") or never advance the position (Japanese):
        // an event that does not move forward in the text belongs to the word before it.
        var advancing = new List<(int Position, int Length, int Milliseconds)>(events.Count);
        foreach (var e in events)
        {
            if (advancing.Count == 0 || e.Position > advancing[^1].Position)
            {
                advancing.Add(e);
            }
        }

        events = advancing;
        var words = new List<WordTiming>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var (position, _, ms) = events[i];
            var start = Math.Max(0, position - 1); // espeak-ng counts characters from 1
            var stop = i + 1 < events.Count ? Math.Max(start + 1, events[i + 1].Position - 1) : runes.Length;
            var text = start < runes.Length ? SpeechText.Plain(string.Concat(runes.Skip(start).Take(stop - start).Select(r => r.ToString()))) : string.Empty;
            var end = i + 1 < events.Count ? events[i + 1].Milliseconds / 1000.0 : seconds;
            if (text.Length > 0)
            {
                words.Add(new WordTiming(text, ms / 1000.0, Math.Max(ms / 1000.0, end)));
            }
        }

        return words;
    }

    private static int Initialize()
    {
        int rate;
        try
        {
            rate = EspeakNative.Initialize(EspeakNative.AudioOutputSynchronous, 500, null, EspeakNative.InitializeDontExit);
        }
        catch (DllNotFoundException e)
        {
            throw new SonicJobException(ErrorCodes.TtsUnavailable, "espeak-ng is not installed (Debian package libespeak-ng1); ./sonic installs it.", e);
        }

        if (rate <= 0)
        {
            throw new SonicJobException(ErrorCodes.TtsUnavailable, "espeak-ng could not start (its voice data is missing).");
        }

        EspeakNative.SetSynthCallback(Marshal.GetFunctionPointerForDelegate(Callback));
        return rate;
    }

    private static int OnSynth(IntPtr wav, int samples, IntPtr events)
    {
        var capture = current;
        if (capture is null || capture.Cancellation.IsCancellationRequested)
        {
            return 1; // stops synthesis
        }

        try
        {
            if (wav != IntPtr.Zero && samples > 0)
            {
                var chunk = new short[samples];
                Marshal.Copy(wav, chunk, 0, samples);
                capture.Samples.AddRange(chunk);
            }

            var size = Marshal.SizeOf<EspeakNative.Event>();
            for (var at = events; at != IntPtr.Zero; at += size)
            {
                var e = Marshal.PtrToStructure<EspeakNative.Event>(at);
                if (e.Type == EspeakNative.EventListTerminated)
                {
                    break;
                }

                if (e.Type == EspeakNative.EventWord)
                {
                    capture.Words.Add((e.TextPosition, e.Length, e.AudioPosition));
                }
            }

            return 0;
        }
#pragma warning disable CA1031 // Nothing may cross back into native code; the exception is rethrown after synthesis.
        catch (Exception e)
#pragma warning restore CA1031
        {
            capture.Failure = e;
            return 1;
        }
    }

    private static string Printable(string text) => new(text.Where(c => !char.IsControl(c)).Take(60).ToArray());

    private sealed class Capture(CancellationToken cancellation)
    {
        public CancellationToken Cancellation { get; } = cancellation;

        public Exception? Failure { get; set; }

        public List<short> Samples { get; } = [];

        public List<(int Position, int Length, int Milliseconds)> Words { get; } = [];
    }
}
