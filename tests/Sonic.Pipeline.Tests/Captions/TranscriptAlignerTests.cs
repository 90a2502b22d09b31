using Sonic.Media.Audio;
using Sonic.Media.Speech;
using Sonic.Pipeline.Captions;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Captions;

/// <summary>
/// Transcript alignment against speech whose word times are known: espeak-ng's own timings of the same text. The
/// alignment is approximate by design; these are the bounds the README promises.
/// </summary>
public sealed class TranscriptAlignerTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-align");

    [Theory]
    [InlineData("en-US", "Welcome to our store. Today we look at three new lamps, each one made by hand in Lisbon. They cost less than you think, and they ship tomorrow.")]
    [InlineData("es", "Bienvenidos a nuestra tienda. Hoy vemos tres lámparas nuevas, hechas a mano en Lisboa. Cuestan menos de lo que piensa.")]
    [InlineData("zh", "欢迎光临我们的商店。今天我们来看三盏新灯。每一盏都是手工制作的。")]
    public async Task Align_SpokenText_StartsWordsNearTheirTrueTimes_AndCaptionsNearTheirSentences(string voice, string text)
    {
        var speech = await new EspeakSpeechSynthesizer().SynthesizeAsync(new SpeechRequest(text, voice), Path.Combine(folder, voice + ".wav"), CancellationToken.None);
        var audio = new AudioDecoder().Decode(speech.WavPath, CancellationToken.None);

        var aligned = TranscriptAligner.Align(text, audio.Samples, audio.SampleRate);

        // Same words in the same order as spoken (CJK by character), times rising.
        Assert.Equal(Squeeze(text), Squeeze(string.Concat(aligned.Select(w => w.Text))));
        Assert.All(aligned.Zip(aligned.Skip(1)), p => Assert.True(p.Second.Start >= p.First.End - 1e-9));
        // Each caption starts near the spoken start of its first word (a sentence after a pause starts after it).
        var truth = CaptionBuilder.Build(speech.Words);
        var cues = CaptionBuilder.Build(aligned);
        Assert.Equal(truth.Count, cues.Count);
        var errors = truth.Zip(cues, (t, c) => Math.Abs(t.Start - c.Start)).ToList();
        Assert.True(errors.Max() <= 0.15, $"caption start errors: {string.Join(", ", errors.Select(e => e.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.InRange(cues[^1].End, speech.DurationSeconds - 0.6, speech.DurationSeconds + 0.001);
    }

    [Fact]
    public void Align_Silence_SpreadsTheWordsOverTheClip()
    {
        var aligned = TranscriptAligner.Align("la la", new float[16000], 16000);

        Assert.Equal([("la", 0.0, 0.5), ("la", 0.5, 1.0)], aligned.Select(w => (w.Text, w.Start, w.End)));
    }

    [Fact]
    public void Align_ShortSentencesAndOnePause_NoSentenceCollapsesOrRunsBackwards()
    {
        // 0–1 s voiced, 1–2 s silent, 2–3 s voiced; five one-word sentences, so most cannot reach the pause.
        var mono = new float[48000];
        for (var i = 0; i < mono.Length; i++)
        {
            mono[i] = i is < 16000 or >= 32000 ? 0.3f * MathF.Sin(i * 0.2f) : 0f;
        }

        var aligned = TranscriptAligner.Align("Yes. No. Maybe. Sure. Fine.", mono, 16000);

        Assert.Equal(5, aligned.Count);
        Assert.All(aligned, w => Assert.True(w.End > w.Start, $"{w.Text} {w.Start}–{w.End}"));
        Assert.All(aligned.Zip(aligned.Skip(1)), p => Assert.True(p.Second.Start >= p.First.End - 1e-9));
        Assert.Equal(5, CaptionBuilder.Build(aligned).Count);
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);

    private static string Squeeze(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
