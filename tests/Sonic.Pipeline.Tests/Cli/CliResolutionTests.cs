using System.Text.Json;
using Sonic.Inference.Tests.SonicEngine.Engine;
using Sonic.Testing;
using static Sonic.Pipeline.Tests.Cli.CliRunner;

namespace Sonic.Pipeline.Tests.Cli;

/// <summary>
/// `sonic render` on a Sonic folder whose networks are fixed to 256 px (as a traced export is; arithmetic stand-ins
/// for the real weights, which CI cannot download): the native size by default, the nearest size with a warning for
/// an explicit one, and a refusal before any work in strict mode.
/// </summary>
public sealed class CliResolutionTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-cli-resolution");
    private readonly string models;
    private readonly string speech;

    public CliResolutionTests()
    {
        models = Path.Combine(folder, "sonic-256");
        ArithmeticSonicModels.Write(models, half: false, withRife: false, fixedSide: 256);
        speech = Path.Combine(folder, "speech2s.wav");
        MediaTool.Ffmpeg("-ss", "1", "-i", SampleMedia.ChineseSpeechWav, "-t", "2", speech);
    }

    [Fact]
    public async Task Render_NoMinResolution_RunsAtTheFoldersNativeSizeWithoutWarnings()
    {
        var (exit, stdout, stderr) = await Render("native.mp4");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(256, json.RootElement.GetProperty("crop_side").GetInt32());
        Assert.DoesNotContain(json.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("px crop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_MinResolutionTheFolderCannotRender_RendersAtTheNearestSizeAndWarns()
    {
        var (exit, stdout, stderr) = await Render("nearest.mp4", "--min-resolution", "320");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(320, json.RootElement.GetProperty("crop_side").GetInt32());
        Assert.Contains(
            json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()),
            w => w == "This Sonic model renders 256 px only crops, so the 320 px crop was rendered at 256 px and resized back.");
        Assert.Equal(50, (await Ffprobe.ProbeAsync(Path.Combine(folder, "nearest.mp4"))).Video.FrameCount);
    }

    [Fact]
    public async Task Render_StrictResolution_ExitsTwoWithResolutionUnsupportedAndNoOutput()
    {
        var (exit, stdout, stderr) = await Render("strict.mp4", "--min-resolution", "320", "--strict-resolution");

        Assert.Equal(2, exit);
        using var json = JsonDocument.Parse(stdout);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("resolution_unsupported", error.GetProperty("code").GetString());
        Assert.Contains("set min_resolution to 256", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "strict.mp4")));
    }

    [Fact]
    public async Task ModelsVerify_FixedFolder_PrintsItsOnlySizeAndTheMemoryEstimate()
    {
        var (exit, stdout, stderr) = await Run("models", "verify", models);

        Assert.True(exit == 0, stderr);
        Assert.Contains("resolutions: 256 px only (fixed in the ONNX files); native 256 px", stdout, StringComparison.Ordinal);
        Assert.Contains("gpu memory at 256 px: about", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PresetUpstream_UsesUpstreamsChoices_AndOptionsOverrideIt()
    {
        var output = Path.Combine(folder, "upstream.mp4");

        var (exit, stdout, stderr) = await Run(
            "render", SampleMedia.Portrait, speech, "-o", output, "--preset", "upstream", "--output-resolution", "360",
            "--inference-steps", "2", "--model", "sonic", "--model-dir", models, "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        // min_resolution 512 from the preset, which this folder renders at 256 (with the warning); no calibration or
        // smoothing ran, so their reports are absent.
        Assert.Equal(512, json.RootElement.GetProperty("crop_side").GetInt32());
        Assert.Contains(json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), w => w!.Contains("512 px crop was rendered at 256 px", StringComparison.Ordinal));
        Assert.True(json.RootElement.GetProperty("lipsync").ValueKind == JsonValueKind.Null);
        Assert.True(json.RootElement.GetProperty("motion").ValueKind == JsonValueKind.Null);

        var (overridden, stdout2, stderr2) = await Run(
            "render", SampleMedia.Portrait, speech, "-o", Path.Combine(folder, "upstream-256.mp4"), "--preset", "upstream",
            "--min-resolution", "256", "--output-resolution", "360", "--inference-steps", "2", "--model", "sonic", "--model-dir", models, "--json");
        Assert.True(overridden == 0, stderr2);
        using var json2 = JsonDocument.Parse(stdout2);
        Assert.Equal(256, json2.RootElement.GetProperty("crop_side").GetInt32());
    }

    [Fact]
    public async Task Render_FolderWithUpstreamsFaceDetector_CropsSonicJobsWithIt_AndBuiltinJobsWithBlazeFace()
    {
        var withDetector = Path.Combine(folder, "sonic-yolo");
        ArithmeticSonicModels.Write(withDetector, half: false, withRife: false, new { resolution = new { min = 64, max = 1024 } });
        ArithmeticSonicModels.WriteFaceDetector(withDetector);

        var (exit, stdout, stderr) = await Run(
            "render", SampleMedia.Portrait, speech, "-o", Path.Combine(folder, "yolo.mp4"), "--min-resolution", "256", "--output-resolution", "360",
            "--inference-steps", "1", "--model-dir", withDetector, "--json");
        var (builtinExit, builtinOut, builtinErr) = await Run(
            "render", SampleMedia.Portrait, speech, "-o", Path.Combine(folder, "blaze.mp4"), "--min-resolution", "256", "--output-resolution", "360",
            "--model", "builtin", "--model-dir", withDetector, "--json");

        Assert.True(exit == 0, stderr);
        Assert.True(builtinExit == 0, builtinErr);
        using var sonic = JsonDocument.Parse(stdout);
        using var builtin = JsonDocument.Parse(builtinOut);
        Assert.Equal("yolov5-face", sonic.RootElement.GetProperty("face_detector").GetString());
        Assert.Equal("blazeface", builtin.RootElement.GetProperty("face_detector").GetString());
    }

    [Fact]
    public async Task Render_UnknownPreset_ExitsTwoWithInvalidParameter()
    {
        var (exit, _, stderr) = await Run("render", SampleMedia.Portrait, speech, "-o", Path.Combine(folder, "x.mp4"), "--preset", "comfy");

        Assert.Equal(2, exit);
        Assert.Contains("error: invalid_parameter: Preset 'comfy' is unknown; the presets are: upstream.", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);

    private Task<(int Exit, string Stdout, string Stderr)> Render(string name, params string[] options)
        => Run([
            "render", SampleMedia.Portrait, speech, "-o", Path.Combine(folder, name), "--output-resolution", "360",
            "--inference-steps", "2", "--model", "sonic", "--model-dir", models, "--json", .. options]);
}
