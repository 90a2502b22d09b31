using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sonic.Api.Errors;
using Sonic.Api.Security;
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
                    ConnectCallback = (context, cancellationToken) =>
                        ConnectAsync(context.DnsEndPoint, options.CurrentValue.AllowPrivateNetworkInputUrls, cancellationToken),
                };
            });
        return services;
    }

    /// <summary>Connects only to addresses <see cref="NetworkAddressRules"/> allows, checked after DNS resolution.</summary>
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => allowPrivate || NetworkAddressRules.IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new BlockedAddressException(endpoint.Host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
