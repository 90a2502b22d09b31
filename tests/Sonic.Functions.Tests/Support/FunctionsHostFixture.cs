using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sonic.Functions.Hosting;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Functions.Tests.Support;

/// <summary>
/// The Functions app's services (<see cref="SonicFunctionsServiceCollectionExtensions.AddSonicFunctions"/>) over the
/// real file-system artifact store in a temp folder, with an in-memory Durable Task backend (DurableTaskTestHost)
/// running the app's own orchestrator and activity functions; its client stands in for the <c>[DurableClient]</c>.
/// </summary>
public sealed class FunctionsHostFixture : IAsyncLifetime
{
    private DurableTaskTestHost? _host;

    public string Root { get; } = TestPaths.NewTempFolder("sonic-func");

    public FileSystemArtifactStore Store { get; private set; } = null!;

    public DurableTaskTestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public DurableTaskClient Client => Host.Client;

    public IServiceProvider Services => Host.Services;

    public async Task InitializeAsync()
    {
        Store = new FileSystemArtifactStore(Root);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sonic:Storage:LocalRoot"] = Root })
            .Build();
        _host = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddFunctionsAppTasks(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddSingleton<IConfiguration>(configuration);
                    services.AddSonicFunctions(configuration);
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
public sealed class FunctionsHostCollection : ICollectionFixture<FunctionsHostFixture>
{
    public const string Name = "functions-host";
}
