using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Pipeline.Publishing;

namespace Sonic.Pipeline.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="StorageOptions"/> (section <c>Sonic:Storage</c>, exactly one kind) and registers
    /// the selected <see cref="IArtifactStore"/> and the <see cref="IVideoPublisher"/> on top of it, as singletons.
    /// </summary>
    public static IServiceCollection AddSonicStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IArtifactStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Kind == StorageKind.LocalRoot
                ? new FileSystemArtifactStore(options.LocalRoot!)
                : new BlobArtifactStore(BlobServiceClients.Create(options), sp.GetRequiredService<ILogger<BlobArtifactStore>>());
        });
        services.AddSingleton<IVideoPublisher, VideoPublisher>();
        return services;
    }
}
