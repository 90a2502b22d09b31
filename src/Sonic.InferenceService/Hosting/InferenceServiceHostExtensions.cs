using Microsoft.Extensions.DependencyInjection.Extensions;
using Sonic.InferenceService.Endpoints;
using Sonic.InferenceService.Jobs;
using Sonic.InferenceService.Readiness;
using Sonic.InferenceService.Security;
using Sonic.Pipeline;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Storage;
using Sonic.Pipeline.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Sonic.InferenceService.Hosting;

/// <summary>The service in two calls, so Program.cs stays three lines and tests host the very same app.</summary>
public static class InferenceServiceHostExtensions
{
    public static WebApplicationBuilder AddSonicInferenceService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<InferenceServerOptions>()
            .Bind(configuration.GetSection(InferenceServerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The same store and the same stage the worker uses: frames.mkv + inference.json land where PostProcess reads them.
        services.AddSonicStorage(configuration);
        services.AddSonicPipeline(configuration);
        services.TryAddSingleton<InferenceStage>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<InferenceJobQueue>();
        services.AddHostedService<InferenceJobRunner>();
        services.AddSingleton<ReadinessState>();
        services.AddHostedService<WarmUpService>();
        services.AddSingleton<ServiceApiKeyFilter>();
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", timeout: TimeSpan.FromSeconds(5), tags: [ProbeEndpoints.ReadyTag])
            .AddCheck<ModelsHealthCheck>("models", tags: [ProbeEndpoints.ReadyTag]);
        services.AddSonicTelemetry(configuration, "sonic-inference")
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Encoder = ReadableJsonEncoder.Instance;
        });
        return builder;
    }

    public static WebApplication MapSonicInferenceService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapProbeEndpoints();
        var v1 = app.MapGroup("/v1").AddEndpointFilter<ServiceApiKeyFilter>();
        v1.MapJobEndpoints();
        v1.MapInfoEndpoints();
        return app;
    }
}
