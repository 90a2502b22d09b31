using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sonic.Inference.Onnx;
using Sonic.Inference.SonicEngine;
using Sonic.Inference.Tests.SonicEngine;
using Sonic.Media.Errors;
using Sonic.Pipeline.Models;
using Sonic.Testing;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Sonic.Pipeline.Tests.Models;

/// <summary>Which animator a job gets: the default with and without a Sonic folder, and the errors of an explicit "sonic".</summary>
public sealed class AnimatorCatalogTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-catalog");
    private readonly CollectingLoggerProvider logs = new();

    [Fact]
    public void Resolve_NoFolderConfigured_DefaultsToBuiltinAndSonicIsUnavailable()
    {
        using var catalog = Create(sonicDirectory: null);

        Assert.Equal("builtin", catalog.DefaultModel);
        Assert.Equal(["builtin"], catalog.AvailableModels);
        var animator = catalog.Resolve(null);
        Assert.Equal("builtin", animator.Info.Name);
        Assert.False(animator.Info.IsSonic);
        Assert.Same(animator, catalog.Resolve("builtin"));
        var ex = Assert.Throws<SonicJobException>(() => catalog.Resolve("sonic"));
        Assert.Equal(ErrorCodes.ModelUnavailable, ex.Code);
        Assert.Contains("Sonic:Models:SonicDirectory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ContractShapedFolder_DefaultsToSonicAndOpensItOnceAcrossThreads()
    {
        ContractModelFolder.Write(folder, ContractModelFolder.Correct(withRife: false));
        using var catalog = Create(folder);

        Assert.Equal("sonic", catalog.DefaultModel);
        Assert.Equal(["sonic", "builtin"], catalog.AvailableModels);
        var opened = new SonicAnimator[8];
        Parallel.For(0, opened.Length, i => opened[i] = Assert.IsType<SonicAnimator>(catalog.Resolve(null)));
        Assert.All(opened, a => Assert.Same(opened[0], a));
        Assert.Equal(SonicAnimator.AnimatorName, opened[0].Info.Name);
        Assert.True(opened[0].Info.IsSonic);
        Assert.False(catalog.Resolve("builtin").Info.IsSonic);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public void Resolve_FolderBreakingTheContract_LogsAnErrorDefaultsToBuiltinAndFailsExplicitSonicWithModelInvalid()
    {
        ContractModelFolder.Write(folder, ContractModelFolder.With(
            ContractModelFolder.Correct(), "audio2bucket.onnx", "clip_embeds", new("clip_embeds", DataType.Int64, "B", 1024)));
        using var catalog = Create(folder);

        Assert.Equal("builtin", catalog.DefaultModel);
        Assert.Equal("builtin", catalog.Resolve(null).Info.Name);
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        var ex = Assert.Throws<SonicJobException>(() => catalog.Resolve("sonic"));
        Assert.Equal(ErrorCodes.ModelInvalid, ex.Code);
        Assert.Contains("'clip_embeds' is int64, expected fp32", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Error); // verified once, not per job
    }

    [Fact]
    public void Resolve_MissingFolder_FailsExplicitSonicWithModelInvalid()
    {
        using var catalog = Create(Path.Combine(folder, "not-there"));

        Assert.Equal("builtin", catalog.DefaultModel);
        var ex = Assert.Throws<SonicJobException>(() => catalog.Resolve("sonic"));
        Assert.Equal(ErrorCodes.ModelInvalid, ex.Code);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sonic")]
    [InlineData("sonic-xl")]
    [InlineData("")]
    public void Resolve_UnknownName_IsInvalidParameter(string model)
    {
        using var catalog = Create(sonicDirectory: null);

        var ex = Assert.Throws<SonicJobException>(() => catalog.Resolve(model));

        Assert.Equal(ErrorCodes.InvalidParameter, ex.Code);
    }

    public void Dispose()
    {
        logs.Dispose();
        TestPaths.TryDeleteFolder(folder);
    }

    private AnimatorCatalog Create(string? sonicDirectory)
    {
        var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        return new AnimatorCatalog(
            Options.Create(new SonicModelOptions { SonicDirectory = sonicDirectory }),
            new OrtSessionFactory(NullLogger<OrtSessionFactory>.Instance, preferCuda: false),
            loggers);
    }
}
