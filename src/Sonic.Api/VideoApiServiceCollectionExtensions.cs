using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sonic.Api.Batches;
using Sonic.Api.Errors;
using Sonic.Api.Security;
using Sonic.Orchestration.Networking;
using Sonic.Api.Submission;
using Sonic.Pipeline.Publishing;

namespace Sonic.Api;

public static class VideoApiServiceCollectionExtensions
{
    /// <summary>
    /// The video API's services: options (<c>Sonic:Api</c>), ProblemDetails, the input-download client, the request
    /// reader and input stager. The host also registers a <c>DurableTaskClient</c>, an <c>IArtifactStore</c> and an
    /// <c>IJobStarter</c>; then <c>app.MapVideoApi()</c>.
    /// </summary>
    public static IServiceCollection AddVideoApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<VideoApiOptions>()
            .Bind(configuration.GetSection(VideoApiOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddProblemDetails();
        // ProblemDetails and anything else written with the host's JSON options: names read as themselves, not \uXXXX.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = ReadableJsonEncoder.Instance);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VideoSubmissionReader>();
        services.TryAddSingleton<BatchSubmissionReader>();
        services.TryAddSingleton<InputDownloader>();
        services.TryAddScoped<InputStager>();
        services.TryAddSingleton<ApiKeyFilter>();
        services.TryAddSingleton<ApiErrorFilter>();
        services.TryAddSingleton(sp => new VideoApiFilterPipeline(sp.GetRequiredService<ApiErrorFilter>(), sp.GetRequiredService<ApiKeyFilter>()));
        services.AddHttpClient(InputDownloader.ClientName)
            .ConfigureHttpClient((provider, client) =>
                client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptionsMonitor<VideoApiOptions>>().CurrentValue.DownloadTimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<VideoApiOptions>>();
                return new SocketsHttpHandler
                {
                    MaxAutomaticRedirections = 3,
                    // A proxy would be what the connect check sees, and it could reach private hosts for us.
                    UseProxy = false,
                    ConnectCallback = (context, cancellationToken) => GuardedConnector.ConnectAsync(
                        context.DnsEndPoint, a => options.CurrentValue.AllowPrivateNetworkInputUrls || NetworkAddressRules.IsPublic(a), cancellationToken),
                };
            });
        return services;
    }
}
