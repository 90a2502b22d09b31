using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Orchestration.Tests.Support;

/// <summary>
/// One in-memory Durable Task host (DurableTaskTestHost) running the real registrations (AddSonicRenderTasks,
/// AddSonicJobStages) over the real file-system artifact store in a temp folder, shared by the orchestration tests.
/// </summary>
public sealed class RenderHostFixture : IAsyncLifetime
{
    private DurableTaskTestHost? _host;

    public string Root { get; } = TestPaths.NewTempFolder("sonic-orch");

    public FileSystemArtifactStore Store { get; private set; } = null!;

    public CountingPublisher Publisher { get; private set; } = null!;

    public PayloadRecorder Payloads { get; } = new();

    public DurableTaskTestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        Store = new FileSystemArtifactStore(Root);
        await Store.EnsureContainersAsync(CancellationToken.None);
        Publisher = new CountingPublisher(new VideoPublisher(Store, NullLogger<VideoPublisher>.Instance));
        // The store comes from configuration, as in the hosts; the test reads the same folder through its own instance.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sonic:Storage:LocalRoot"] = Root })
            .Build();
        _host = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddSonicRenderTasks(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddSingleton<IConfiguration>(configuration);
                    services.AddSonicJobStages(configuration);
                    // Registered after, so it wins: the real publisher over the same store, counting its calls.
                    services.AddSingleton<IVideoPublisher>(Publisher);
                    services.PostConfigureAll<DurableTaskWorkerOptions>(options => options.DataConverter = Payloads);
                },
            });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        TestPaths.TryDeleteFolder(Root);
    }
}

[CollectionDefinition(Name)]
public sealed class RenderHostCollection : ICollectionFixture<RenderHostFixture>
{
    public const string Name = "render-host";
}
