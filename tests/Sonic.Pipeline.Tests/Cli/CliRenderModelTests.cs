using System.Text.Json;
using Sonic.Cli;
using Sonic.Inference.Tests.SonicEngine;
using Sonic.Inference.Tests.SonicEngine.Engine;
using Sonic.Testing;
using DataType = Onnx.TensorProto.Types.DataType;
using static Sonic.Pipeline.Tests.Cli.CliRunner;

namespace Sonic.Pipeline.Tests.Cli;

/// <summary>`sonic render --model … --model-dir …`: the folder is verified before any work, and the result names the animator.</summary>
public sealed class CliRenderModelTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-cli-model");

    [Fact]
    public async Task Render_ModelSonicWithFolderBreakingTheContract_ExitsTwoWithModelInvalidAndNoOutput()
    {
        var models = Path.Combine(folder, "models");
        ContractModelFolder.Write(models, ContractModelFolder.With(
            ContractModelFolder.Correct(), "unet.onnx", "timestep", new("timestep", DataType.Float, 1, 1)));
        var output = Path.Combine(folder, "out", "sonic.mp4");

        var (exit, stdout, stderr) = await Run(
            "render", SampleMedia.Portrait, SampleMedia.ChineseSpeechWav, "-o", output,
            "--model", "sonic", "--model-dir", models);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.StartsWith("error: model_invalid: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Contains("unet.onnx", line, StringComparison.Ordinal);
        Assert.Contains("'timestep' has rank 2, expected 1", line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public async Task Render_ModelDirThatDoesNotExist_ExitsTwoWithModelInvalidEvenWithoutModel()
    {
        var output = Path.Combine(folder, "none.mp4");

        var (exit, stdout, _) = await Run(
            "render", SampleMedia.Portrait, SampleMedia.ChineseSpeechWav, "-o", output,
            "--model-dir", Path.Combine(folder, "no-such-folder"), "--json");

        Assert.Equal(2, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("model_invalid", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Render_ModelSonicWithoutAnyFolder_ExitsTwoWithModelUnavailable()
    {
        Assert.True(
            string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Sonic__Models__SonicDirectory")),
            "this test needs a host without a configured Sonic folder");
        var output = Path.Combine(folder, "unavailable.mp4");

        var (exit, _, stderr) = await Run(
            "render", SampleMedia.Portrait, SampleMedia.ChineseSpeechWav, "-o", output, "--model", "sonic");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: model_unavailable: ", stderr.Trim(), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Render_UnknownModel_ExitsTwoWithInvalidParameter()
    {
        var (exit, _, stderr) = await Run(
            "render", SampleMedia.Portrait, SampleMedia.ChineseSpeechWav, "-o", Path.Combine(folder, "x.mp4"), "--model", "sonic-xl");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: invalid_parameter: Parameter model ", stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ModelBuiltinWithAValidSonicFolder_RunsAndNamesTheBuiltinAnimator()
    {
        var models = Path.Combine(folder, "models");
        ContractModelFolder.Write(models, ContractModelFolder.Correct(withRife: false));
        var output = Path.Combine(folder, "builtin.mp4");

        var (exit, stdout, stderr) = await Run(
            "render", SampleMedia.Portrait, SampleMedia.ChineseSpeechWav, "-o", output,
            "--min-resolution", "256", "--output-resolution", "360", "--model", "builtin", "--model-dir", models, "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var animator = json.RootElement.GetProperty("animator");
        Assert.Equal("builtin", animator.GetProperty("name").GetString());
        Assert.False(animator.GetProperty("is_sonic").GetBoolean());
        Assert.True((await Ffprobe.ProbeAsync(output)).Video.Width > 0);
    }

    [Fact]
    public async Task Render_ModelSonicWithAVerifiedFolder_RunsTheEngineForTheWholeSpeech()
    {
        // Arithmetic stand-ins for the Sonic networks (the real weights are not available here): the engine runs
        // its whole loop on ONNX Runtime and the pipeline composites and encodes what it streams.
        var models = Path.Combine(folder, "sonic-models");
        ArithmeticSonicModels.Write(models, half: true, withRife: false, new { resolution = new { min = 64, max = 1024 } });
        var speech = Path.Combine(folder, "speech4s.wav");
        MediaTool.Ffmpeg("-i", SampleMedia.ChineseSpeechWav, "-t", "4", "-ar", "22050", speech);
        var output = Path.Combine(folder, "sonic.mp4");

        var (exit, stdout, stderr) = await Run(
            "render", SampleMedia.Portrait, speech, "-o", output, "--min-resolution", "256", "--output-resolution", "360",
            "--inference-steps", "3", "--trim-silence", "false", "--model", "sonic", "--model-dir", models, "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var animator = json.RootElement.GetProperty("animator");
        Assert.Equal("sonic", animator.GetProperty("name").GetString());
        Assert.True(animator.GetProperty("is_sonic").GetBoolean());
        Assert.Contains("blended", animator.GetProperty("description").GetString(), StringComparison.Ordinal);
        var probe = await Ffprobe.ProbeAsync(output);
        Assert.Equal(100, probe.Video.FrameCount); // 4 s at 25 fps: 2N − 1 = 99 frames, the last held once
        Assert.InRange(probe.Format.Duration ?? 0, 3.95, 4.1);
    }

    public void Dispose()
    {
        TestPaths.TryDeleteFolder(folder);
    }
}
