using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.InferenceService.Tests.Support;

/// <summary>
/// Real preprocessed inputs in a file-system store: the close-up portrait and a 2.5 s cut of speech (SampleMedia) through the real
/// <see cref="PreprocessStage"/> once, then copied under other job ids (the service reads only <c>work/{id}/</c>).
/// </summary>
public sealed class PreparedInputs : IAsyncLifetime
{
    public const string SourceJob = "prep-source";

    private ServiceProvider? _services;

    public string Root { get; } = TestPaths.NewTempFolder("sonic-infsvc");

    public FileSystemArtifactStore Store { get; private set; } = null!;

    public static RenderParameters Parameters { get; } = new() { MinResolution = 256, OutputResolution = 360 };

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        Store = new FileSystemArtifactStore(Root);
        await Store.EnsureContainersAsync(CancellationToken.None);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sonic:Storage:LocalRoot"] = Root, ["Sonic:Inference:PreferCuda"] = "false" })
            .Build();
        _services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddSonicJobStages(configuration)
            .AddHttpClient()
            .BuildServiceProvider();

        var clip = Path.Combine(TestPaths.NewTempFolder("sonic-infsvc-clip"), "speech.wav");
        MediaTool.Ffmpeg("-ss", "0.5", "-t", "2.5", "-i", SampleMedia.ChineseSpeechWav, clip);
        var job = await UploadAsync(SourceJob, "prep");
        File.Delete(clip);
        await _services.GetRequiredService<PreprocessStage>().RunAsync(job, CancellationToken.None);

        async Task<JobRequest> UploadAsync(string jobId, string stem)
        {
            var image = new ArtifactRef(ContainerNames.Uploads, stem + ".jpg");
            var audio = new ArtifactRef(ContainerNames.Uploads, stem + ".wav");
            await Store.UploadFileAsync(image, SampleMedia.Portrait, null, CancellationToken.None);
            await Store.UploadFileAsync(audio, clip, null, CancellationToken.None);
            return new JobRequest(jobId, image, audio, Parameters, stem);
        }
    }

    /// <summary>The uploads and the preprocess output under <paramref name="jobId"/>, as if Preprocess had run for it.</summary>
    public async Task<JobRequest> PreprocessedJobAsync(string jobId, string? resultStem = null)
    {
        var from = new JobArtifacts(SourceJob);
        var to = new JobArtifacts(jobId);
        foreach (var (source, target) in new[] { (from.AudioWav, to.AudioWav), (from.Audio16k, to.Audio16k), (from.Features, to.Features), (from.Crop, to.Crop), (from.Face, to.Face), (from.Preprocess, to.Preprocess) })
        {
            await Store.UploadBytesAsync(target, await Store.ReadAllBytesAsync(source, CancellationToken.None), null, CancellationToken.None);
        }

        return new JobRequest(jobId, new ArtifactRef(ContainerNames.Uploads, "prep.jpg"), new ArtifactRef(ContainerNames.Uploads, "prep.wav"), Parameters, resultStem);
    }

    public HttpClient NewClient(Uri baseUri)
    {
        var http = Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        http.BaseAddress = baseUri;
        return http;
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        TestPaths.TryDeleteFolder(Root);
    }
}
