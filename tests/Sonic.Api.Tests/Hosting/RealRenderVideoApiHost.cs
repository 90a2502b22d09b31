using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sonic.Orchestration;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Publishing;

namespace Sonic.Api.Tests.Hosting;

/// <summary>The API in front of the real render orchestration, stages and publisher (ffmpeg, ONNX Runtime) on the file store.</summary>
public sealed class RealRenderVideoApiHost : VideoApiTestHost
{
    protected override string? ApiKey => null;

    protected override bool AllowPrivateNetworkInputUrls => false;

    protected override void RegisterTasks(DurableTaskRegistry registry) => registry.AddSonicRenderTasks();

    protected override void ConfigureWorkerServices(IServiceCollection services)
    {
        var configuration = new ConfigurationBuilder().Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSonicJobStages(configuration);
        services.AddSingleton<IVideoPublisher, VideoPublisher>();
    }
}
