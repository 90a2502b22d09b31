using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sonic.Api;
using Sonic.Orchestration.Activities;
using Sonic.Orchestration;
using Sonic.Orchestration.Batches;
using Sonic.Orchestration.Inference;
using Sonic.Orchestration.Webhooks;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Telemetry;

namespace Sonic.Functions.Hosting;

public static class SonicFunctionsServiceCollectionExtensions
{
    /// <summary>
    /// The Functions app's services: the job stages over the configured store (<c>Sonic:Storage</c>), the shared
    /// activities the <c>[ActivityTrigger]</c> functions delegate to, and the video API (<c>Sonic:Api</c>).
    /// <para>
    /// Not <c>AddSonicJobStarter</c> / <c>AddSonicUploadDispatch</c>: their singletons need a
    /// <c>DurableTaskClient</c> in the container, and the Durable Functions extension hands its client only to
    /// <c>[DurableClient]</c> parameters. The functions build a <c>JobStarter</c> (and an <c>UploadDispatcher</c>) per
    /// call around that client instead; the container stays fully resolvable (ValidateOnBuild in Development).
    /// </para>
    /// </summary>
    public static IServiceCollection AddSonicFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSonicJobStages(configuration);
        services.TryAddTransient<SynthesizeSpeechActivity>();
        services.TryAddTransient<ValidateJobActivity>();
        services.TryAddTransient<PreprocessJobActivity>();
        services.TryAddTransient<RunInferenceActivity>();
        services.TryAddTransient<GetInferencePlanActivity>();
        services.TryAddTransient<SubmitInferenceActivity>();
        services.TryAddTransient<PollInferenceActivity>();
        services.AddSonicInferenceClient(configuration);
        services.TryAddTransient<PostProcessJobActivity>();
        services.TryAddTransient<EncodeVideoActivity>();
        services.TryAddTransient<PublishVideoActivity>();
        services.TryAddTransient<WriteJobResultActivity>();
        services.AddSonicWebhooks(configuration);
        services.AddSonicBatches(configuration);
        services.TryAddTransient<WriteBatchResultActivity>();
        services.TryAddTransient<PrepareBatchFaceActivity>();
        services.AddVideoApi(configuration);
        services.AddHostedService<ArtifactContainersInitializer>();

        // The host's own spans (triggers, Durable's orchestration and activity spans) and ours in one trace;
        // host.json's telemetryMode hands the host's telemetry to OpenTelemetry too.
        services.AddSonicTelemetry(configuration, "sonic-functions").UseFunctionsWorkerDefaults();
        return services;
    }
}
