using System.Text.Json;
using Sonic.Cli;
using Sonic.Testing;
using static Sonic.Pipeline.Tests.Cli.CliRunner;

namespace Sonic.Pipeline.Tests.Cli;

/// <summary>`sonic render` as a user runs it: options, output text, --json, and the one-line error contract.</summary>
public sealed class CliRenderTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-cli");

    [Fact]
    public async Task Render_WithKebabCaseOptionsAndJson_PrintsOneJsonResult()
    {
        var output = Path.Combine(folder, "sub", "cli.mp4");
        var (exit, stdout, stderr) = await Run(
            "render", SampleMedia.Portrait, SampleMedia.ChineseSpeechWav, "-o", output,
            "--min-resolution", "256", "--trim-silence", "false", "--output-resolution", "360", "--seed", "0",
            "--audio-codec", "mp3", "--file-name", "歌 \"song\"/1", "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(Path.GetFullPath(output), root.GetProperty("output").GetString());
        Assert.Equal(360, Math.Min(root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32()));
        Assert.InRange(root.GetProperty("duration").GetDouble(), 9.96, 10.04); // --trim-silence false kept the room tone
        Assert.Equal("builtin", root.GetProperty("animator").GetProperty("name").GetString());
        Assert.False(root.GetProperty("animator").GetProperty("is_sonic").GetBoolean());
        var fileName = root.GetProperty("file_name").GetString()!;
        Assert.StartsWith("歌", fileName, StringComparison.Ordinal);
        Assert.DoesNotContain('"', fileName);
        Assert.DoesNotContain('/', fileName);
        var stages = root.GetProperty("timings").EnumerateArray().Select(t => t.GetProperty("stage").GetString()).ToList();
        Assert.Equal(["audio", "face", "animate", "composite", "encode", "post"], stages);
        Assert.True(root.GetProperty("lipsync").TryGetProperty("corrected", out _));
        Assert.True(root.GetProperty("motion").GetProperty("mean_shift_px").GetDouble() >= 0);
        Assert.Equal("mp3", (await Ffprobe.ProbeAsync(output)).Audio.CodecName);
        Assert.Contains("animate", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ParamsFileInSnakeCase_IsAppliedAndOptionsOverrideIt()
    {
        // The WAV has ~0.5 s of room tone before the first word and ~0.2 s after the last: trimming shortens it.
        var paramsFile = Path.Combine(folder, "params.json");
        await File.WriteAllTextAsync(paramsFile, """{"min_resolution": 256, "output_resolution": 360, "trim_silence": true, "file_name": "from-json"}""");
        var output = Path.Combine(folder, "params.mp4");

        var (exit, stdout, stderr) = await Run(
            "render", SampleMedia.Portrait, SampleMedia.ChineseSpeechWav, "-o", output,
            "--params", paramsFile, "--output-resolution", "400", "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.InRange(json.RootElement.GetProperty("duration").GetDouble(), 8.5, 9.7);
        Assert.Equal(400, json.RootElement.GetProperty("width").GetInt32());
        Assert.Equal("from-json.mp4", json.RootElement.GetProperty("file_name").GetString());
    }

    [Fact]
    public async Task Render_ParamsFileWithUnknownName_IsInvalidParameter()
    {
        var paramsFile = Path.Combine(folder, "typo.json");
        await File.WriteAllTextAsync(paramsFile, """{"min_resolutoin": 512}""");

        var (exit, _, stderr) = await Run(
            "render", SampleMedia.Portrait, SampleMedia.ChineseSpeechWav, "-o", Path.Combine(folder, "t.mp4"), "--params", paramsFile);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: invalid_parameter: ", stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NoFaceImage_ExitsTwoWithOneErrorLineAndNoOutput()
    {
        var output = Path.Combine(folder, "qq.mp4");
        var (exit, stdout, stderr) = await Run(
            "render", SampleMedia.NoFaceJpegNamedPng, SampleMedia.ChineseSpeechWav, "-o", output);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.StartsWith("error: no_face_detected: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Theory]
    [InlineData("--min-resolution", "100", "invalid_parameter")]
    [InlineData("--duration", "3", "duration_mismatch")]
    public async Task Render_BadParameter_ExitsTwoWithItsCode(string option, string value, string code)
    {
        var output = Path.Combine(folder, "bad.mp4");
        var (exit, stdout, _) = await Run(
            "render", SampleMedia.Portrait, SampleMedia.ChineseSpeechWav, "-o", output, option, value, "--json");

        Assert.Equal(2, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(code, json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetProperty("message").GetString()));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Render_MissingAudio_SaysInputNotFound()
    {
        var (exit, _, stderr) = await Run("render", SampleMedia.Portrait, Path.Combine(folder, "nope.wav"), "-o", Path.Combine(folder, "x.mp4"));

        Assert.Equal(2, exit);
        Assert.Contains("error: input_not_found: ", stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        TestPaths.TryDeleteFolder(folder);
    }
}
