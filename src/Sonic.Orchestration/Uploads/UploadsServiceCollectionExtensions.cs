using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sonic.Orchestration.Client;

namespace Sonic.Orchestration.Uploads;

public static class UploadsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="UploadDispatcher"/> (and the job starter it needs). The host supplies the
    /// IArtifactStore, the IVideoPublisher and the DurableTaskClient.
    /// </summary>
    public static IServiceCollection AddSonicUploadDispatch(this IServiceCollection services)
    {
        services.AddSonicJobStarter();
        services.TryAddSingleton<UploadDispatcher>();
        return services;
    }
}
