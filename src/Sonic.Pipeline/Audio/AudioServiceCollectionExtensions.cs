using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Media.Audio;

namespace Sonic.Pipeline.Audio;

public static class AudioServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AudioDecoder"/> and <see cref="AudioStage"/> with <see cref="AudioOptions"/> bound from
    /// <c>Sonic:Audio</c> and validated at start-up. Needs an <c>IConfiguration</c> in the container (hosts have one).
    /// </summary>
    public static IServiceCollection AddSonicAudio(this IServiceCollection services)
    {
        services.AddOptions<AudioOptions>()
            .BindConfiguration(AudioOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(provider => new AudioDecoder(
            provider.GetService<ILogger<AudioDecoder>>(),
            provider.GetRequiredService<IOptions<AudioOptions>>().Value.FfmpegPath));
        services.TryAddSingleton<AudioStage>();
        return services;
    }
}
