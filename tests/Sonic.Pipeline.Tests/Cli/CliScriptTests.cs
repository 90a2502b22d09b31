using System.Text.Json;
using Sonic.Media.Speech;
using Sonic.Testing;
using static Sonic.Pipeline.Tests.Cli.CliRunner;

namespace Sonic.Pipeline.Tests.Cli;

/// <summary>`sonic render IMAGE --script …`: espeak-ng speaks the script, the video is lip-synced to it, captions beside it.</summary>
public sealed class CliScriptTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-cli-script");

    [Theory]
    [InlineData("en-US", "Welcome to our store. Today we look at three new lamps, each one made by hand in Lisbon.")]
    [InlineData("es", "Bienvenidos a nuestra tienda. Hoy vemos tres lámparas nuevas, hechas a mano en Lisboa.")]
    [InlineData("zh", "欢迎光临我们的商店。今天我们来看三盏新灯，每一盏都是在里斯本手工制作的。")]
    public async Task Render_Script_MakesTheVideoOfItsSpeech_WithCaptionsAtTheWordTimings(string voice, string script)
    {
        var output = Path.Combine(folder, voice, "talk.mp4");

        var (exit, stdout, stderr) = await Run(
            "render", TestPaths.OwnSample("astronaut.png"), "--script", script, "--voice", voice,
            "-o", output, "--min-resolution", "256", "--output-resolution", "360", "--json");

        Assert.True(exit == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var trim = json.RootElement.GetProperty("trim_start").GetDouble();
        var duration = json.RootElement.GetProperty("duration").GetDouble();

        // The same script through the same provider: the words the cues must start at.
        var words = (await new EspeakSpeechSynthesizer().SynthesizeAsync(
            new SpeechRequest(script, voice), Path.Combine(folder, voice + "-again.wav"), CancellationToken.None)).Words;
        Assert.InRange(duration, words[^1].End - trim - 0.3, words[^1].End - trim + 0.3);

        var vtt = CaptionCues.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(output, ".vtt")), '.');
        var srt = CaptionCues.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(output, ".srt")), ',');
        Assert.StartsWith("WEBVTT", await File.ReadAllTextAsync(Path.ChangeExtension(output, ".vtt")), StringComparison.Ordinal);
        Assert.Equal(vtt.Select(c => (c.Start, c.End, c.Text)), srt.Select(c => (c.Start, c.End, c.Text)));
        Assert.True(vtt.Count >= 2, "a sentence break makes a new caption");
        Assert.All(vtt, cue =>
        {
            Assert.True(cue.End > cue.Start);
            Assert.Contains(words, w => Math.Abs(w.Start - trim - cue.Start) <= 0.15 && cue.Text.StartsWith(w.Text, StringComparison.Ordinal));
            Assert.All(cue.Lines, line => Assert.True(line.Length <= 42, line));
            Assert.InRange(cue.Lines.Count, 1, 2);
        });

        // Together the captions say the whole script, and they cover the speech.
        Assert.Equal(Normalise(script), Normalise(string.Concat(vtt.Select(c => c.Text))));
        Assert.InRange(vtt[0].Start, 0, 0.3);
        Assert.InRange(vtt[^1].End, duration - 0.3, duration + 0.001);
    }

    [Theory]
    [InlineData("en-US", "Welcome to our store. Today we look at three new lamps.")]
    [InlineData("zh", "欢迎光临我们的商店。今天我们来看三盏新灯。")]
    public async Task Render_BurnedCaptions_AreDrawnInTheLowerThird_AndAbsentWithNone(string voice, string script)
    {
        var burned = Path.Combine(folder, voice, "burn.mp4");
        var plain = Path.Combine(folder, voice, "none.mp4");
        foreach (var (mode, output) in new[] { ("burn", burned), ("none", plain) })
        {
            var (exit, stdout, stderr) = await Run(
                "render", TestPaths.OwnSample("astronaut.png"), "--script", script, "--voice", voice, "--captions", mode,
                "-o", output, "--min-resolution", "256", "--output-resolution", "360");
            Assert.True(exit == 0, stderr + stdout);
        }

        // Burned in: no sidecar files, and the picture differs from the uncaptioned render only in the lower third.
        Assert.False(File.Exists(Path.ChangeExtension(burned, ".vtt")));
        Assert.False(File.Exists(Path.ChangeExtension(plain, ".vtt")));
        var probe = await Ffprobe.ProbeAsync(burned);
        var (width, height) = (probe.Video.Width, probe.Video.Height);
        foreach (var frame in new[] { 12, 40 })
        {
            var a = await FfmpegDecode.FrameRgbaAsync(burned, frame, width, height);
            var b = await FfmpegDecode.FrameRgbaAsync(plain, frame, width, height);
            var (upper, lower) = (Changed(a, b, width, 0, height * 2 / 3), Changed(a, b, width, height * 2 / 3, height));
            Assert.True(lower > 0.02, FormattableString.Invariant($"frame {frame}: only {lower:P1} of the lower third changed"));
            Assert.True(upper < 0.002, FormattableString.Invariant($"frame {frame}: {upper:P2} of the upper two thirds changed"));
        }
    }

    [Theory]
    [InlineData(true, "--script", "Hello there.", "input_conflict")]
    [InlineData(false, "--captions", "none", "input_missing")]
    [InlineData(false, "--voice", "xx-nowhere", "voice_unknown")]
    [InlineData(false, "--speaking-rate", "5", "invalid_parameter")]
    [InlineData(false, "--transcript", "Hello.", "invalid_parameter")] // a script times its own captions
    public async Task Render_ScriptMistakes_ExitTwoWithTheirCode(bool withRecording, string option, string value, string code)
    {
        List<string> args = ["render", TestPaths.OwnSample("astronaut.png")];
        if (withRecording)
        {
            args.Add(TestPaths.OwnSample("speech.wav"));
        }

        args.AddRange([option, value, "-o", Path.Combine(folder, "x.mp4")]);
        if (code == "voice_unknown" || code == "invalid_parameter")
        {
            args.AddRange(["--script", "Hello there."]);
        }

        var (exit, stdout, stderr) = await Run([.. args]);

        Assert.Equal(2, exit);
        Assert.StartsWith($"error: {code}:", stderr.Trim(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "x.mp4")), stdout);
    }

    [Fact]
    public async Task Render_RecordingWithATranscript_WritesCaptionsThatSayIt()
    {
        // samples/speech.wav says exactly this (samples/README.md).
        const string Transcript = "Hello! I am a talking portrait made by Sonic Functions. Drop in one picture and one recording, and I will speak your words, with my lips in time.";
        var output = Path.Combine(folder, "transcript", "hello.mp4");

        var (exit, stdout, stderr) = await Run(
            "render", TestPaths.OwnSample("astronaut.png"), TestPaths.OwnSample("speech.wav"), "--transcript", Transcript,
            "-o", output, "--min-resolution", "256", "--output-resolution", "360");

        Assert.True(exit == 0, stderr + stdout);
        var cues = CaptionCues.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(output, ".vtt")), '.');
        Assert.Equal(Normalise(Transcript), Normalise(string.Concat(cues.Select(c => c.Text))));
        Assert.Equal("Hello!", cues[0].Text);
        Assert.True(File.Exists(Path.ChangeExtension(output, ".srt")));
    }

    [Fact]
    public async Task Render_ScriptTooLong_IsScriptTooLong()
    {
        var (exit, _, stderr) = await Run(
            "render", TestPaths.OwnSample("astronaut.png"), "--script", new string('a', 5001), "-o", Path.Combine(folder, "long.mp4"));

        Assert.Equal(2, exit);
        Assert.StartsWith("error: script_too_long:", stderr.Trim(), StringComparison.Ordinal);
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);

    /// <summary>The share of pixels in rows [from, to) whose colour differs by more than 48 levels in some channel.</summary>
    private static double Changed(byte[] a, byte[] b, int width, int from, int to)
    {
        var changed = 0;
        for (var i = from * width * 4; i < to * width * 4; i += 4)
        {
            if (Math.Abs(a[i] - b[i]) > 48 || Math.Abs(a[i + 1] - b[i + 1]) > 48 || Math.Abs(a[i + 2] - b[i + 2]) > 48)
            {
                changed++;
            }
        }

        return (double)changed / ((to - from) * width);
    }

    private static string Normalise(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
