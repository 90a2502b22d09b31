using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sonic.Pipeline.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="StorageOptions"/> (section <c>Sonic:Storage</c>, exactly one kind) and registers
    /// the selected <see cref="IArtifactStore"/> as a singleton.
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
        return services;
    }
}
