using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Orchestration.Uploads;
using Sonic.Pipeline.Storage;
using Sonic.Testing;
using Sonic.Worker.Durable;
using Sonic.Worker.Hosting;

namespace Sonic.IntegrationTests.Infrastructure;

/// <summary>
/// Real Azurite plus one worker process on it, shared by the tests of <see cref="WorkerCollection"/>. The tests
/// talk to storage with the Azure SDK and read orchestration state with the worker's own task hub client, in this
/// process, independent of the HTTP API.
/// </summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    public const string TaskHub = "sonicit";

    private readonly AzuriteFixture azurite;
    private ServiceProvider? clientServices;
    private WorkerProcess? worker;

    public WorkerFixture()
        : this(new AzuriteFixture())
    {
    }

    // xunit builds collection fixtures through their one public constructor; this one is for OnAzurite.
    private WorkerFixture(AzuriteFixture azurite) => this.azurite = azurite;

    public AzuriteFixture Azurite => azurite;

    /// <summary>On a given Azurite (one a test stops and starts again, for instance); disposed with the fixture.</summary>
    public static WorkerFixture OnAzurite(AzuriteFixture azurite) => new(azurite);

    public int ApiPort { get; } = FreePort.Next();

    public string ConnectionString => azurite.ConnectionString;

    public BlobServiceClient Blobs { get; private set; } = null!;

    public DurableTaskClient Durable { get; private set; } = null!;

    public Uri ApiBase => new($"http://127.0.0.1:{ApiPort}/");

    /// <summary>A plain client with no credentials: what an anonymous browser does.</summary>
    public HttpClient Http => clientServices!.GetRequiredService<IHttpClientFactory>().CreateClient();

    /// <summary>The pairing entry point (what the Functions blob trigger calls), running in the test process.</summary>
    public UploadDispatcher Dispatcher => clientServices!.GetRequiredService<UploadDispatcher>();

    /// <summary>Settings every worker of this fixture starts with, on top of (or instead of) the defaults below.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public WorkerProcess Worker => worker ?? throw new InvalidOperationException("The worker is not running.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(WorkerProcess.DllPath))
        {
            throw new InvalidOperationException($"Build the worker first: {WorkerProcess.DllPath} is missing.");
        }

        Blobs = new BlobServiceClient(ConnectionString);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttpClient();

        // The upload entry point as a blob trigger would call it: same storage, same task hub, another process.
        services.AddSonicStorage(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sonic:Storage:ConnectionString"] = ConnectionString })
            .Build());
        services.AddSonicUploadDispatch();
        services.AddSingleton(sp => TaskHubService.Create(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            new WorkerOptions { TaskHubName = TaskHub },
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<DurableTaskClient, TaskHubDurableTaskClient>();
        clientServices = services.BuildServiceProvider();
        Durable = clientServices.GetRequiredService<DurableTaskClient>();
        await StartWorkerAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the worker process and waits until its HTTP endpoint answers.</summary>
    public async Task StartWorkerAsync()
    {
        worker?.Dispose();
        worker = WorkerProcess.Start(WorkerSettings(ApiPort));
        await WaitUntilAnswersAsync(worker, ApiPort, "healthz", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
    }

    public void KillWorker() => worker?.Kill();

    /// <summary>What a worker process of this fixture is started with, listening on <paramref name="apiPort"/>.</summary>
    public Dictionary<string, string> WorkerSettings(int apiPort)
    {
        var settings = new Dictionary<string, string>
        {
            ["Sonic__Storage__ConnectionString"] = ConnectionString,
            ["Sonic__Worker__TaskHubName"] = TaskHub,
            ["Sonic__Worker__ApiUrls"] = $"http://127.0.0.1:{apiPort}",
            ["Sonic__Worker__UploadPollInterval"] = "00:00:01",
            ["Sonic__Worker__MaxQueuePollingInterval"] = "00:00:01",

            // Short, so an activity lost with a killed worker is retried within the test's patience.
            ["Sonic__Worker__ActivityVisibilityTimeout"] = "00:00:20",
            ["Sonic__Worker__OrchestrationVisibilityTimeout"] = "00:00:15",
            // Callbacks to the tests' loopback receiver, signed with its secret, retried after 1 s, 2 s, 4 s.
            ["Sonic__Webhooks__Secret"] = WebhookReceiver.Secret,
            ["Sonic__Webhooks__AllowLoopback"] = "true",
            ["Sonic__Webhooks__FirstRetrySeconds"] = "1",
            ["Sonic__Webhooks__MaxAttempts"] = "4",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__DurableTask"] = "Warning",
            ["Logging__LogLevel__Microsoft"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task DisposeAsync()
    {
        worker?.Dispose();
        if (clientServices is not null)
        {
            await clientServices.DisposeAsync().ConfigureAwait(false);
        }

        azurite.Dispose();
    }

    /// <summary>Waits until <paramref name="process"/> answers 2xx on <paramref name="path"/> at <paramref name="apiPort"/>.</summary>
    public async Task WaitUntilAnswersAsync(WorkerProcess process, int apiPort, string path, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(process);
        using var http = Http;
        http.Timeout = TimeSpan.FromSeconds(5);
        var address = new Uri($"http://127.0.0.1:{apiPort}/{path}");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("The worker exited while starting:\n" + process.OutputTail);
            }

            try
            {
                using var response = await http.GetAsync(address).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The worker did not answer on /{path}:\n" + process.OutputTail);
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }
}
