using Sonic.Cli;
using Sonic.Inference.Tests.SonicEngine;
using Sonic.Testing;
using DataType = Onnx.TensorProto.Types.DataType;
using static Sonic.Pipeline.Tests.Cli.CliRunner;

namespace Sonic.Pipeline.Tests.Cli;

/// <summary>`sonic models verify DIR` as an operator runs it: a table, exit 0 when valid, exit 2 model_invalid otherwise.</summary>
public sealed class CliModelsVerifyTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-cli-models");

    [Fact]
    public async Task Verify_ContractShapedFolder_PrintsATableAndExitsZero()
    {
        ContractModelFolder.Write(folder, ContractModelFolder.Correct(withRife: false));

        var (exit, stdout, stderr) = await Run("models", "verify", folder);

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("verdict: valid", stdout, StringComparison.Ordinal);
        var unetRow = stdout.Split('\n').Single(l => l.StartsWith("unet.onnx", StringComparison.Ordinal));
        Assert.Contains("ok", unetRow, StringComparison.Ordinal);
        Assert.Contains("fp16", unetRow, StringComparison.Ordinal);
        Assert.Contains("absent", stdout.Split('\n').Single(l => l.StartsWith("rife.onnx", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public async Task Verify_WrongDtype_ExitsTwoWithModelInvalid()
    {
        ContractModelFolder.Write(folder, ContractModelFolder.With(
            ContractModelFolder.Correct(), "audio2bucket.onnx", "clip_embeds", new("clip_embeds", DataType.Int64, "B", 1024)));

        var (exit, stdout, stderr) = await Run("models", "verify", folder);

        Assert.Equal(2, exit);
        Assert.Contains("INVALID", stdout.Split('\n').Single(l => l.StartsWith("audio2bucket.onnx", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("error: model_invalid: ", stderr, StringComparison.Ordinal);
        Assert.Contains("'clip_embeds' is int64, expected fp32", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingFolder_ExitsTwoWithModelInvalid()
    {
        var (exit, _, stderr) = await Run("models", "verify", Path.Combine(folder, "absent"));

        Assert.Equal(2, exit);
        Assert.StartsWith("error: model_invalid: ", stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        TestPaths.TryDeleteFolder(folder);
    }
}
