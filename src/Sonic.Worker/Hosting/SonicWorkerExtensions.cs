using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sonic.Api;
using Sonic.Orchestration;
using Sonic.Orchestration.Batches;
using Sonic.Orchestration.Uploads;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Hosting;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;
using Sonic.Pipeline.Telemetry;
using Sonic.Worker.Durable;
using Sonic.Worker.Health;
using Sonic.Worker.Uploads;

namespace Sonic.Worker.Hosting;

/// <summary>
/// The self-hosted worker in two calls. The Durable Task Framework engine (<c>TaskHubWorker</c>) runs our orchestration
/// and activities over the Azure Storage backend in this process, as Durable Functions does; the API's
/// <see cref="DurableTaskClient"/> talks to the same task hub; the HTTP API and the health probes listen on HTTP/1.1.
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
        var apiEndpoints = ListenAddresses.ParseHttpUrls(worker.ApiUrls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var endpoint in apiEndpoints)
            {
                kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });

        // Stopping waits for running activities up to this long; work cut short is redelivered (at-least-once).
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
        services.AddSonicStorage(configuration);
        services.AddSonicJobStages(configuration);
        // Sonic:InferenceService:BaseUrl set = inference runs in the GPU service, submitted and polled; empty = here.
        services.AddSonicInferenceClient(configuration);
        services.AddSonicWebhooks(configuration);
        services.AddSonicBatches(configuration);
        services.AddSingleton(sp => TaskHubService.Create(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<StorageInitializer>();
        services.AddDurableTaskWorker(durable =>
        {
            durable.AddTasks(registry => registry.AddSonicRenderTasks());
            durable.UseBuildTarget<TaskHubWorkerService>();
        });
        services.AddSingleton<DurableTaskClient, TaskHubDurableTaskClient>();

        services.AddSonicUploadDispatch();
        services.AddVideoApi(configuration);
        if (worker.WatchUploads)
        {
            services.AddHostedService<UploadWatcher>();
        }

        services.AddSonicTelemetry(configuration, "sonic-worker")
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", timeout: TimeSpan.FromSeconds(5), tags: [ReadyTag])
            .AddCheck<TaskHubHealthCheck>("taskhub", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapSonicWorker(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Liveness runs no check (the process answers); readiness needs storage and a started task hub worker.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapVideoApi();
        return app;
    }

    private const string ReadyTag = "ready";
}
