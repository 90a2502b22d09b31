using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Storage;
using Sonic.Orchestration.Tests.Support;
using Sonic.Testing;

namespace Sonic.Orchestration.Tests.Stages;

/// <summary>
/// The stage services straight from <c>AddSonicJobStages</c> over a real file-system store, with one job taken
/// through Validate … Encode once so the tests can re-run single stages against its artifacts.
/// </summary>
public sealed class StageServicesFixture : IAsyncLifetime
{
    public string Root { get; } = TestPaths.NewTempFolder("sonic-stages");

    public FileSystemArtifactStore Store { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public JobRequest Job { get; private set; } = null!;

    public ValidatedJob Validated { get; private set; } = null!;

    public PreprocessResult Preprocessed { get; private set; } = null!;

    public InferenceResult Inference { get; private set; } = null!;

    public EncodedVideo Video { get; private set; } = null!;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Store = new FileSystemArtifactStore(Root);
        await Store.EnsureContainersAsync(CancellationToken.None);
        var configuration = new ConfigurationBuilder().Build();
        Services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSonicJobStages(configuration)
            .AddSingleton<IArtifactStore>(Store)
            .AddSingleton<IVideoPublisher, VideoPublisher>()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Job = await JobInputs.UploadAsync(Store, "stages-1", "leo-stages");
        var none = CancellationToken.None;
        Validated = await Get<ValidateStage>().RunAsync(Job, none);
        Preprocessed = await Get<PreprocessStage>().RunAsync(Job, none);
        Inference = await Get<InferenceStage>().RunAsync(Job, none);
        await Get<PostProcessStage>().RunAsync(Job, Inference, none);
        Video = await Get<EncodeStage>().RunAsync(new EncodeInput(Job, Validated.FileName, Inference), none);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        TestPaths.TryDeleteFolder(Root);
    }
}
