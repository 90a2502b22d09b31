using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sonic.Media.Speech;
using Sonic.Pipeline.Speech.Azure;

namespace Sonic.Pipeline.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SpeechOptions"/> (section <c>Sonic:Speech</c>, validated at start) and registers the configured
    /// <see cref="ISpeechSynthesizer"/>: espeak-ng, or Azure AI Speech through a named IHttpClientFactory client
    /// signed in with DefaultAzureCredential (the managed identity in Azure) unless the host registered its own
    /// credential under <see cref="AzureSpeechSynthesizer.CredentialKey"/>.
    /// </summary>
    public static IServiceCollection AddSonicSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SpeechOptions>().Bind(configuration.GetSection(SpeechOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddKeyedSingleton<TokenCredential>(AzureSpeechSynthesizer.CredentialKey, (sp, _) => new DefaultAzureCredential(
            new DefaultAzureCredentialOptions { ManagedIdentityClientId = sp.GetRequiredService<IOptions<SpeechOptions>>().Value.ManagedIdentityClientId }));
        services.AddHttpClient(AzureSpeechSynthesizer.HttpClientName);
        services.AddSingleton<AzureSpeechSynthesizer>();
        services.AddSingleton<EspeakSpeechSynthesizer>();
        services.AddSingleton<ISpeechSynthesizer>(sp => sp.GetRequiredService<IOptions<SpeechOptions>>().Value.Provider == SpeechOptions.Azure
            ? sp.GetRequiredService<AzureSpeechSynthesizer>()
            : sp.GetRequiredService<EspeakSpeechSynthesizer>());
        services.AddSingleton<SpeechStage>();
        return services;
    }
}
