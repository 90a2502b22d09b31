using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Inference.Faces;
using Sonic.Inference.Onnx;
using Sonic.Media.Images;
using Sonic.Media.Video;
using Sonic.Pipeline.Audio;
using Sonic.Media.Speech;
using Sonic.Pipeline.Faces;
using Sonic.Pipeline.Speech;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Inference.Animation.Builtin;
using Sonic.Pipeline.Models;
using Sonic.Pipeline.Parity;
using Sonic.Pipeline.Provenance;
using Sonic.Pipeline.Provenance.C2pa;
using Sonic.Pipeline.Provenance.Watermark;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sonic.Pipeline.Rendering;

namespace Sonic.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stages, the face detector, the animators (<see cref="AnimatorCatalog"/>: built-in, and Sonic
    /// when <c>Sonic:Models:SonicDirectory</c> names a folder), the encoder and the in-process renderer. Hosts call
    /// this once; options bind from the "Sonic" configuration section.
    /// </summary>
    public static IServiceCollection AddSonicPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FaceDetectorOptions>().Bind(configuration.GetSection(FaceDetectorOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp => new OrtSessionFactory(
            sp.GetRequiredService<ILogger<OrtSessionFactory>>(),
            preferCuda: configuration.GetValue("Sonic:Inference:PreferCuda", true)));
        services.AddSonicAudio();
        services.AddSingleton<ImageLoader>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<FaceDetectorOptions>>().Value);
        services.AddSingleton<IFaceDetector, BlazeFaceDetector>();
        services.AddSingleton<FaceStage>();
        services.AddOptions<SonicModelOptions>().Bind(configuration.GetSection(SonicModelOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BuiltinAnimatorOptions>().Bind(configuration.GetSection(BuiltinAnimatorOptions.SectionName)).ValidateOnStart();
        // Read by the preprocess stage (worker) and the inference stage (worker or GPU service) alike.
        services.AddOptions<FaceCacheOptions>().Bind(configuration.GetSection(FaceCacheOptions.SectionName));
        services.AddSingleton<CacheGates>();
        services.AddSingleton<AnimatorCatalog>();
        services.AddSonicSpeech(configuration);
        services.AddSingleton<VideoEncoder>();
        services.AddOptions<ProvenanceOptions>().Bind(configuration.GetSection(ProvenanceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new WatermarkCode(sp.GetRequiredService<IOptions<ProvenanceOptions>>().Value.WatermarkKey));
        services.AddSingleton<ProvenanceVerifier>();
        services.TryAddKeyedSingleton<TokenCredential>(C2paSigner.CredentialKey, (sp, _) => new DefaultAzureCredential(
            new DefaultAzureCredentialOptions { ManagedIdentityClientId = sp.GetRequiredService<IOptions<ProvenanceOptions>>().Value.ManagedIdentityClientId }));
        services.AddHttpClient(C2paSigner.HttpClientName);
        services.AddSingleton<C2paSigner>();
        services.AddSingleton<PasteBackEncoder>();
        services.AddSingleton<InProcessRenderer>();
        services.AddSingleton<SonicParityRunner>();
        return services;
    }
}
