using System.Text.Json;
using Sonic.Testing;
using static Sonic.Pipeline.Tests.Cli.CliRunner;

namespace Sonic.Pipeline.Tests.Cli;

/// <summary>`sonic render` reads and writes any name the file system accepts: ffmpeg sees every path intact.</summary>
public sealed class CliFileNameTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-cli-names");

    [Theory]
    [InlineData("sp ace")]
    [InlineData("q\"uote")]
    [InlineData("it's")]
    [InlineData(@"back\slash\")]
    [InlineData("中文 🎬")]
    [InlineData("-dash")]
    public async Task Render_InputsAndOutputWithThisName_WritesThatFile(string name)
    {
        // The folder carries the name as well; the audio is M4A so that ffmpeg (not the managed WAV reader) opens it.
        var inputs = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
        var image = Path.Combine(inputs, name + ".png");
        File.Copy(TestPaths.OwnSample("astronaut.png"), image);
        var audio = Path.Combine(inputs, name + ".m4a");
        MediaTool.Ffmpeg("-i", TestPaths.OwnSample("speech.wav"), "-t", "2.5", "-c:a", "aac", audio);
        var output = Path.Combine(inputs, "out", name + ".mp4");

        var (exit, stdout, stderr) = await Run(
            "render", image, audio, "-o", output, "--min-resolution", "256", "--output-resolution", "360", "--json");

        Assert.True(exit == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(output, json.RootElement.GetProperty("output").GetString());
        // --json writes the name as UTF-8 text: only quotes and backslashes are escaped, no \uXXXX.
        Assert.Contains(output.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal), stdout, StringComparison.Ordinal);
        var probe = await Ffprobe.ProbeAsync(output);
        Assert.Equal("h264", probe.Video.CodecName);
        Assert.InRange(probe.Format.Duration!.Value, 2.3, 2.7);
        // The video and its poster beside it (never named like the input picture), nothing else.
        var poster = Path.ChangeExtension(output, ".poster.jpg");
        Assert.Equal(poster, json.RootElement.GetProperty("poster").GetString());
        Assert.Equal([output, poster], Directory.GetFileSystemEntries(Path.GetDirectoryName(output)!).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        TestPaths.TryDeleteFolder(folder);
    }
}
