using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Api;
using Sonic.Orchestration;
using Sonic.Orchestration.Uploads;
using Sonic.Pipeline.Hosting;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;
using Sonic.Worker.Durable;
using Sonic.Worker.Uploads;

namespace Sonic.Worker.Hosting;

/// <summary>
/// The self-hosted worker in two calls. The Durable Task Framework's Azure Storage backend runs in process behind
/// the gRPC sidecar (<see cref="TaskHubGrpcServer"/>) on a loopback HTTP/2-only port; the Durable Task gRPC worker
/// and client talk to it over one shared channel; the HTTP API listens separately on HTTP/1.1.
/// </summary>
public static class SonicWorkerExtensions
{
    public static WebApplicationBuilder AddSonicWorker(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<WorkerOptions>()
            .Bind(configuration.GetSection(WorkerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Kestrel's endpoints are fixed before the container exists, so read and validate the options once here as well.
        var worker = SonicHost.ReadSettings<WorkerOptions>(configuration, WorkerOptions.SectionName);
        var sidecarPort = worker.SidecarPort != 0 ? worker.SidecarPort : FreeLoopbackPort();
        var apiEndpoints = ListenAddresses.ParseHttpUrls(worker.ApiUrls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // gRPC without TLS needs HTTP/2 with prior knowledge, which an HTTP/1.1+2 endpoint cannot offer.
            kestrel.Listen(IPAddress.Loopback, sidecarPort, listen => listen.Protocols = HttpProtocols.Http2);
            foreach (var endpoint in apiEndpoints)
            {
                kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });

        // Kestrel waits for open requests on shutdown, and the worker's own work-item stream to the sidecar stays open
        // until its hosted service stops after Kestrel: without a short timeout every stop takes the default 30 s.
        // Work cut short here is redelivered (at-least-once), so nothing is lost.
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
        services.AddSonicStorage(configuration);
        services.AddSonicJobStages(configuration);
        // Sonic:InferenceService:BaseUrl set = inference runs in the GPU service, submitted and polled; empty = here.
        services.AddSonicInferenceClient(configuration);
        services.AddSingleton(sp => TaskHubService.Create(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddHostedService<StorageInitializer>();

        services.AddGrpc();
        services.AddSingleton<TaskHubGrpcServer>();

        // Disposed with the container; the address is what the sidecar endpoint above listens on.
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{sidecarPort}");
        services.AddSingleton(channel);
        services.AddDurableTaskWorker(durable =>
        {
            durable.AddTasks(registry => registry.AddSonicRenderTasks());
            durable.Configure(options =>
            {
                options.Concurrency.MaximumConcurrentActivityWorkItems = worker.MaxConcurrentActivities;
                options.Concurrency.MaximumConcurrentOrchestrationWorkItems = worker.MaxConcurrentOrchestrations;
            });
            durable.UseGrpc(grpc =>
            {
                grpc.Channel = channel;

                // The SDK reconnects a work-item stream that has been quiet for 2 minutes, expecting the managed
                // backend's health pings; the in-process sidecar sends none and refuses a second stream while it
                // still holds the first ("Another client is already connected"), after which work items go to the
                // abandoned stream and jobs stall. An idle in-process stream is healthy: never treat silence as loss.
                grpc.SetSilentDisconnectTimeout(TimeSpan.Zero);
            });
        });
        services.AddDurableTaskClient(durable => durable.UseGrpc(channel));

        services.AddSonicUploadDispatch();
        services.AddVideoApi(configuration);
        if (worker.WatchUploads)
        {
            services.AddHostedService<UploadWatcher>();
        }

        return builder;
    }

    public static WebApplication MapSonicWorker(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sidecarPort = app.Services.GetRequiredService<GrpcChannel>().Target.Split(':')[^1];

        // The sidecar answers only on its own loopback port, never on the API's.
        app.MapGrpcService<TaskHubGrpcServer>().RequireHost($"*:{sidecarPort}");
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapVideoApi();
        return app;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
