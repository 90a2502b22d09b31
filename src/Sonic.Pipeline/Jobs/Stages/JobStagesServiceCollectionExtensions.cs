using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sonic.Pipeline.Rendering;

namespace Sonic.Pipeline.Jobs.Stages;

public static class JobStagesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the job stage services (Validate … Publish over <see cref="Storage.IArtifactStore"/>) and the
    /// in-process pipeline they reuse (<see cref="PipelineServiceCollectionExtensions.AddSonicPipeline"/>, once).
    /// The host registers the <see cref="Storage.IArtifactStore"/> and <see cref="Publishing.IVideoPublisher"/> it wants.
    /// </summary>
    public static IServiceCollection AddSonicJobStages(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(InProcessRenderer)))
        {
            services.AddSonicPipeline(configuration);
        }

        services.TryAddSingleton<ValidateStage>();
        services.TryAddSingleton<PreprocessStage>();
        services.TryAddSingleton<InferenceStage>();
        services.TryAddSingleton<PostProcessStage>();
        services.TryAddSingleton<EncodeStage>();
        services.TryAddSingleton<PublishStage>();
        return services;
    }
}
