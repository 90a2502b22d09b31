using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sonic.Orchestration.Client;

public static class JobStarterServiceCollectionExtensions
{
    /// <summary>Registers <see cref="JobStarter"/> as the <see cref="IJobStarter"/>; the host registers the DurableTaskClient.</summary>
    public static IServiceCollection AddSonicJobStarter(this IServiceCollection services)
    {
        services.TryAddSingleton<IJobStarter, JobStarter>();
        return services;
    }
}
