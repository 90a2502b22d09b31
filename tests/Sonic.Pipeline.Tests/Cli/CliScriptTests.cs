using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sonic.Media.Speech;
using Sonic.Testing;
using static Sonic.Pipeline.Tests.Cli.CliRunner;

namespace Sonic.Pipeline.Tests.Cli;

/// <summary>`sonic render IMAGE --script …`: espeak-ng speaks the script, the video is lip-synced to it, captions beside it.</summary>
public sealed partial class CliScriptTests : IDisposable
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

        var vtt = Cues(await File.ReadAllTextAsync(Path.ChangeExtension(output, ".vtt")), '.');
        var srt = Cues(await File.ReadAllTextAsync(Path.ChangeExtension(output, ".srt")), ',');
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
    [InlineData(true, "--script", "Hello there.", "input_conflict")]
    [InlineData(false, "--captions", "none", "input_missing")]
    [InlineData(false, "--voice", "xx-nowhere", "voice_unknown")]
    [InlineData(false, "--speaking-rate", "5", "invalid_parameter")]
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
    public async Task Render_ScriptTooLong_IsScriptTooLong()
    {
        var (exit, _, stderr) = await Run(
            "render", TestPaths.OwnSample("astronaut.png"), "--script", new string('a', 5001), "-o", Path.Combine(folder, "long.mp4"));

        Assert.Equal(2, exit);
        Assert.StartsWith("error: script_too_long:", stderr.Trim(), StringComparison.Ordinal);
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);

    private static string Normalise(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static List<(double Start, double End, string Text, List<string> Lines)> Cues(string file, char separator)
    {
        var cues = new List<(double, double, string, List<string>)>();
        foreach (var block in file.Replace("\r", string.Empty, StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            var timing = lines.FindIndex(l => l.Contains("-->", StringComparison.Ordinal));
            if (timing < 0)
            {
                continue;
            }

            var match = CueTime().Match(lines[timing]);
            Assert.True(match.Success, lines[timing]);
            Assert.Equal(separator.ToString(), match.Groups["sep"].Value);
            var text = lines.Skip(timing + 1).ToList();
            cues.Add((Seconds(match.Groups["start"].Value), Seconds(match.Groups["end"].Value), string.Join(' ', text), text));
        }

        return cues;
    }

    private static double Seconds(string time) =>
        TimeSpan.ParseExact(time.Replace(',', '.'), @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture).TotalSeconds;

    [GeneratedRegex(@"^(?<start>\d\d:\d\d:\d\d(?<sep>[.,])\d\d\d) --> (?<end>\d\d:\d\d:\d\d[.,]\d\d\d)$")]
    private static partial Regex CueTime();
}
