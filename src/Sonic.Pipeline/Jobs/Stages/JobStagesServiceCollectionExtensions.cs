using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sonic.Pipeline.Rendering;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

public static class JobStagesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the job stage services (Validate … Publish over <see cref="IArtifactStore"/>), the in-process
    /// pipeline they reuse (<see cref="PipelineServiceCollectionExtensions.AddSonicPipeline"/>) and, unless the host
    /// registered an <see cref="IArtifactStore"/> already, the configured store and publisher
    /// (<see cref="StorageServiceCollectionExtensions.AddSonicStorage"/>, section <c>Sonic:Storage</c>). Idempotent.
    /// </summary>
    public static IServiceCollection AddSonicJobStages(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(InProcessRenderer)))
        {
            services.AddSonicPipeline(configuration);
        }

        if (!services.Any(d => d.ServiceType == typeof(IArtifactStore)))
        {
            services.AddSonicStorage(configuration);
        }

        services.TryAddSingleton<SynthesizeStage>();
        services.TryAddSingleton<ValidateStage>();
        services.TryAddSingleton<FaceCache>();
        services.TryAddSingleton<PreprocessStage>();
        services.TryAddSingleton<InferenceStage>();
        services.TryAddSingleton<PostProcessStage>();
        services.TryAddSingleton<EncodeStage>();
        services.TryAddSingleton<PublishStage>();
        return services;
    }
}
