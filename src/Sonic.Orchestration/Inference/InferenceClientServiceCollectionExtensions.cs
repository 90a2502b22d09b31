using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Sonic.Orchestration.Inference;

namespace Sonic.Orchestration;

public static class InferenceClientServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="InferenceServiceOptions"/> (section <c>Sonic:InferenceService</c>) and registers
    /// <see cref="InferenceServiceClient"/> through IHttpClientFactory with the standard resilience handler, its
    /// timeouts and back-off taken from the options. Without a BaseUrl nothing calls the client.
    /// </summary>
    public static IServiceCollection AddSonicInferenceClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InferenceServiceOptions>()
            .Bind(configuration.GetSection(InferenceServiceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient<InferenceServiceClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<InferenceServiceOptions>>().Value;
                if (options.IsRemote)
                {
                    // A trailing slash so the relative "v1/jobs" keeps any path prefix of the base address.
                    http.BaseAddress = new Uri(options.BaseUrl!.TrimEnd('/') + "/");
                }

                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    http.DefaultRequestHeaders.Add("x-api-key", options.ApiKey);
                }

                // The resilience handler owns the timeouts; HttpClient's own 100 s would only get in its way.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var options = sp.GetRequiredService<IOptions<InferenceServiceOptions>>().Value;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.RequestTimeout;
                resilience.Retry.Delay = options.RetryDelay;
                // The handler insists the breaker samples over at least two attempt timeouts.
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 > TimeSpan.FromSeconds(30)
                    ? options.AttemptTimeout * 2
                    : TimeSpan.FromSeconds(30);
            });
        return services;
    }
}
