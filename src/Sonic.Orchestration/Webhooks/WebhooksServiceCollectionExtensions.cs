using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sonic.Orchestration.Networking;

namespace Sonic.Orchestration.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>
    /// The callback sender: options (<c>Sonic:Webhooks</c>, validated at start) and the guarded HTTP client (per-attempt
    /// time limit, no redirects, connections only to addresses <see cref="WebhookUrlRules.MayConnect"/> allows).
    /// </summary>
    public static IServiceCollection AddSonicWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookSender>();
        services.TryAddTransient<SendWebhookActivity>();
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigureHttpClient((provider, client) =>
                client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptionsMonitor<WebhookOptions>>().CurrentValue.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<WebhookOptions>>();
                return new SocketsHttpHandler
                {
                    // A redirect would be a second URL nobody checked; receivers answer where they are asked.
                    AllowAutoRedirect = false,
                    // A proxy would be what the connect check sees, and it could reach private hosts for us.
                    UseProxy = false,
                    ConnectCallback = (context, cancellationToken) => GuardedConnector.ConnectAsync(
                        context.DnsEndPoint, a => WebhookUrlRules.MayConnect(a, options.CurrentValue), cancellationToken),
                };
            });
        return services;
    }
}
