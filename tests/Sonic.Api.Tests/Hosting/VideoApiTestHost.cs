using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sonic.Orchestration.Client;
using Sonic.Pipeline;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Api.Tests.Hosting;

/// <summary>
/// The video API as a host runs it: a real Kestrel on 127.0.0.1 (free port) with <c>AddVideoApi</c> +
/// <c>MapVideoApi</c>, a real <see cref="DurableTaskClient"/> from the in-memory <see cref="DurableTaskTestHost"/>
/// (running <see cref="StandInRenderOrchestration"/>, or the real render in <see cref="RealRenderVideoApiHost"/>), the real <see cref="FileSystemArtifactStore"/> and the real
/// <see cref="JobStarter"/>. It also serves a few files under <c>/test-files/</c> to test URL inputs.
/// Runs in the Development environment on purpose: an exception escaping the API would show a stack trace there.
/// </summary>
public abstract class VideoApiTestHost : IAsyncLifetime
{
    private readonly string storageRoot = TestPaths.NewTempFolder("sonic-api-store");
    private DurableTaskTestHost? durable;
    private WebApplication? app;

    protected abstract string? ApiKey { get; }

    protected abstract bool AllowPrivateNetworkInputUrls { get; }

    /// <summary>The orchestration behind the API: the stand-in unless a host overrides it with the real one.</summary>
    protected virtual void RegisterTasks(DurableTaskRegistry registry) => StandInRenderOrchestration.Register(registry);

    protected virtual void ConfigureWorkerServices(IServiceCollection services)
    {
    }

    public Uri BaseAddress { get; private set; } = null!;

    public FileSystemArtifactStore Store { get; }

    public DurableTaskClient Client => durable!.Client;

    /// <summary>Files this host serves at <c>/test-files/{name}</c>.</summary>
    public IReadOnlyDictionary<string, string> ServedFiles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["portrait.png"] = TestPaths.OwnSample("astronaut.png"),
        ["speech.wav"] = TestPaths.OwnSample("speech.wav"),
    };

    protected VideoApiTestHost() => Store = new FileSystemArtifactStore(storageRoot);

    public async Task InitializeAsync()
    {
        await Store.EnsureContainersAsync(CancellationToken.None);
        durable = await DurableTaskTestHost.StartAsync(
            RegisterTasks,
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddSingleton<IArtifactStore>(Store);
                    ConfigureWorkerServices(services);
                },
            });

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sonic:Api:ApiKey"] = ApiKey,
            ["Sonic:Api:AllowHttpInputUrls"] = "true",
            ["Sonic:Api:AllowPrivateNetworkInputUrls"] = AllowPrivateNetworkInputUrls ? "true" : "false",
            ["Sonic:Api:MaxUploadBytes"] = (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton(durable.Client);
        builder.Services.AddSingleton<IArtifactStore>(Store);
        builder.Services.AddSonicJobStarter();
        builder.Services.AddVideoApi(builder.Configuration);
        builder.Services.AddSonicPipeline(builder.Configuration); // POST /api/faces runs the real face stage

        app = builder.Build();
        app.MapVideoApi();
        app.MapGet("/test-files/{name}", (string name) =>
            ServedFiles.TryGetValue(name, out var path) ? Results.File(path, "application/octet-stream") : Results.NotFound());
        await app.StartAsync();
        BaseAddress = new Uri(app.Urls.Single());
    }

    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = TestHttp.Create(BaseAddress);
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("x-api-key", apiKey);
        }

        return client;
    }

    /// <summary>Polls <paramref name="statusUrl"/> until the job leaves pending/running (default limit 30 s).</summary>
    public static async Task<JsonElement> WaitForFinishAsync(HttpClient client, string statusUrl, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await client.GetAsync(new Uri(statusUrl, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var status = await response.Content.ReadFromJsonAsync<JsonElement>();
            var state = status.GetProperty("status").GetString();
            if (state is not ("pending" or "running"))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The job at {statusUrl} was still {state} at the deadline.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (durable is not null)
        {
            await durable.DisposeAsync();
        }

        TestPaths.TryDeleteFolder(storageRoot);

        GC.SuppressFinalize(this);
    }
}
