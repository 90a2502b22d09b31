using Sonic.Media.Audio;
using Sonic.Media.Errors;
using Sonic.Media.Speech;
using Sonic.Testing;
using Xunit.Abstractions;

namespace Sonic.Media.Tests.Speech;

/// <summary>espeak-ng through its library: real speech, and word timings from its own events.</summary>
public sealed class EspeakSpeechSynthesizerTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-tts");
    private readonly EspeakSpeechSynthesizer synthesizer = new();

    [Theory]
    [InlineData("en-US", "Welcome to our store. Today we look at three new lamps.", 11)]
    [InlineData("es", "Bienvenidos a nuestra tienda. Hoy vemos tres lámparas nuevas.", 9)]
    [InlineData("de", "Willkommen in unserem Laden. Heute sehen wir drei neue Lampen.", 10)]
    [InlineData("fr", "Bienvenue dans notre magasin. Aujourd'hui, trois nouvelles lampes.", 8)]
    public async Task Synthesize_GivesSpeechAndOneTimedWordPerWord_InOrder(string voice, string script, int words)
    {
        var wav = Path.Combine(folder, voice + ".wav");

        var speech = await synthesizer.SynthesizeAsync(new SpeechRequest(script, voice), wav, CancellationToken.None);

        foreach (var word in speech.Words)
        {
            output.WriteLine($"{word.Start:F3}-{word.End:F3} {word.Text}");
        }

        Assert.Equal(words, speech.Words.Count);
        Assert.True(speech.Words.Zip(speech.Words.Skip(1)).All(p => p.First.Start < p.Second.Start), "word starts increase");
        Assert.All(speech.Words, w => Assert.True(w.End > w.Start && w.End <= speech.DurationSeconds + 0.001));
        Assert.Equal(script.Split(' '), speech.Words.Select(w => w.Text));
        var audio = new AudioDecoder().Decode(wav, CancellationToken.None);
        Assert.InRange(audio.DurationSeconds, speech.DurationSeconds - 0.05, speech.DurationSeconds + 0.05);
        Assert.InRange(speech.DurationSeconds, 2, 8);
    }

    [Fact]
    public async Task Synthesize_Mandarin_TimesItsCharacters()
    {
        var speech = await synthesizer.SynthesizeAsync(new SpeechRequest("欢迎光临我们的商店。今天我们看三盏新灯。", Language: "zh"), Path.Combine(folder, "zh.wav"), CancellationToken.None);

        foreach (var word in speech.Words)
        {
            output.WriteLine($"{word.Start:F3}-{word.End:F3} {word.Text}");
        }

        Assert.Equal("cmn", speech.Voice);
        Assert.True(speech.Words.Count >= 4);
        Assert.StartsWith("欢", speech.Words[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Synthesize_Japanese_WhoseEventsDoNotAdvance_KeepsTheTextAsOneTimedSpan()
    {
        const string script = "私たちの店へようこそ。";
        var speech = await synthesizer.SynthesizeAsync(new SpeechRequest(script, "ja"), Path.Combine(folder, "ja.wav"), CancellationToken.None);

        var word = Assert.Single(speech.Words);
        Assert.Equal(script, word.Text);
        Assert.Equal(speech.DurationSeconds, word.End, 3);
    }

    [Fact]
    public async Task Synthesize_Ssml_KeepsMarkupOutOfTheWords_AndPauses()
    {
        var plain = await synthesizer.SynthesizeAsync(new SpeechRequest("Hello world."), Path.Combine(folder, "p.wav"), CancellationToken.None);
        var ssml = await synthesizer.SynthesizeAsync(
            new SpeechRequest("<speak>Hello <break time=\"800ms\"/> world.</speak>"), Path.Combine(folder, "s.wav"), CancellationToken.None);

        Assert.Equal(["Hello", "world."], ssml.Words.Select(w => w.Text));
        Assert.True(ssml.Words[1].Start - plain.Words[1].Start > 0.5, "the break is spoken as a pause");
    }

    [Fact]
    public async Task Synthesize_FasterRate_IsShorter()
    {
        const string script = "The same sentence, spoken twice at two speeds.";
        var normal = await synthesizer.SynthesizeAsync(new SpeechRequest(script), Path.Combine(folder, "n.wav"), CancellationToken.None);
        var fast = await synthesizer.SynthesizeAsync(new SpeechRequest(script, SpeakingRate: 1.5), Path.Combine(folder, "f.wav"), CancellationToken.None);

        Assert.InRange(fast.DurationSeconds / normal.DurationSeconds, 0.5, 0.85);
    }

    [Fact]
    public async Task Synthesize_UnknownVoice_IsVoiceUnknown()
    {
        var error = await Assert.ThrowsAsync<SonicJobException>(
            () => synthesizer.SynthesizeAsync(new SpeechRequest("Hello.", "xx-nowhere"), Path.Combine(folder, "x.wav"), CancellationToken.None));

        Assert.Equal(ErrorCodes.VoiceUnknown, error.Code);
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);
}
