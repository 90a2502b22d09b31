using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sonic.Orchestration.Batches;

public static class BatchesServiceCollectionExtensions
{
    /// <summary>The batch settings (<c>Sonic:Batches</c>, validated at start), read where batches are accepted.</summary>
    public static IServiceCollection AddSonicBatches(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BatchOptions>()
            .Bind(configuration.GetSection(BatchOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
