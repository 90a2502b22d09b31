using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sonic.Orchestration.Activities;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Orchestration.Tests.Rendering;

public sealed class RegistrationTests
{
    [Fact]
    public void AddSonicJobStages_WithLocalStorageConfigured_ResolvesEveryActivityDependency()
    {
        var root = TestPaths.NewTempFolder("sonic-registration");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sonic:Storage:LocalRoot"] = root })
            .Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSonicJobStages(configuration)
            .AddSonicJobStages(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.IsType<FileSystemArtifactStore>(services.GetRequiredService<IArtifactStore>());
        Assert.IsType<VideoPublisher>(services.GetRequiredService<IVideoPublisher>());
        Assert.Single(services.GetServices<PreprocessStage>());
        Assert.NotNull(ActivatorUtilities.CreateInstance<EncodeVideoActivity>(services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<WriteJobResultActivity>(services));
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void AddSonicRenderTasks_RegistersTheOrchestratorAndSevenActivities()
    {
        var registry = new DurableTaskRegistry();

        registry.AddSonicRenderTasks();

        // The registry keeps its factories internal; registering a name twice throws, which shows what is there.
        Assert.Throws<ArgumentException>(() => registry.AddOrchestratorFunc(OrchestrationNames.RenderVideo, _ => Task.CompletedTask));
        foreach (var name in new[]
        {
            OrchestrationNames.ValidateJob, OrchestrationNames.PreprocessJob, OrchestrationNames.RunInference, OrchestrationNames.PostProcessJob,
            OrchestrationNames.EncodeVideo, OrchestrationNames.PublishVideo, OrchestrationNames.WriteJobResult,
        })
        {
            Assert.Throws<ArgumentException>(() => registry.AddActivityFunc(name, _ => Task.CompletedTask));
        }
    }
}
