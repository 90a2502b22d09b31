using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sonic.Pipeline;

namespace Sonic.Pipeline.Tests.EndToEnd;

/// <summary>One container with the real stages (ffmpeg, ONNX Runtime, BlazeFace) shared by the end-to-end tests.</summary>
public sealed class RendererFixture : IDisposable
{
    public RendererFixture()
    {
        var configuration = new ConfigurationBuilder().Build();
        Services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSonicPipeline(configuration)
            .BuildServiceProvider();
    }

    public ServiceProvider Services { get; }

    public void Dispose() => Services.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RendererCollection : ICollectionFixture<RendererFixture>
{
    public const string Name = "renderer";
}
