using Sonic.Inference.Onnx;

namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// The sessions of one verified model folder, opened once per animator. The UNet's execution provider is the one
/// reported: it does nearly all the work. rife.onnx is optional (<see cref="Rife"/> is null without it).
/// </summary>
internal sealed class SonicNetworks : IDisposable
{
    private SonicNetworks(IReadOnlyDictionary<string, SonicNetwork> networks)
    {
        All = networks;
        Whisper = networks[SonicModelContract.WhisperEncoder];
        AudioToToken = networks[SonicModelContract.AudioToToken];
        AudioToBucket = networks[SonicModelContract.AudioToBucket];
        Clip = networks[SonicModelContract.ClipImageEncoder];
        VaeEncoder = networks[SonicModelContract.VaeEncoder];
        Unet = networks[SonicModelContract.Unet];
        VaeDecoder = networks[SonicModelContract.VaeDecoder];
        Rife = networks.GetValueOrDefault(SonicModelContract.Rife);
        AudioBatch = AudioToToken.FixedDimension("audio_window", 0)
            ?? AudioToBucket.FixedDimension("audio_window", 0)
            ?? AudioToBucket.FixedDimension("clip_embeds", 0);
        DecodeFrames = VaeDecoder.FixedDimension("latents", 0);
    }

    /// <summary>The batch the audio networks are fixed to (an export traced without a dynamic batch), or null.</summary>
    public int? AudioBatch { get; }

    /// <summary>The frame count the VAE decoder is fixed to (the decode chunk then), or null.</summary>
    public int? DecodeFrames { get; }

    public IReadOnlyDictionary<string, SonicNetwork> All { get; }

    public SonicNetwork Whisper { get; }

    public SonicNetwork AudioToToken { get; }

    public SonicNetwork AudioToBucket { get; }

    public SonicNetwork Clip { get; }

    public SonicNetwork VaeEncoder { get; }

    public SonicNetwork Unet { get; }

    public SonicNetwork VaeDecoder { get; }

    public SonicNetwork? Rife { get; }

    public static SonicNetworks Open(SonicModelReport models, OrtSessionFactory sessions, int intraOpThreads = 0)
    {
        var opened = new Dictionary<string, SonicNetwork>();
        try
        {
            // The face detector is the pipeline's (it crops before the engine runs), not one of the engine's networks.
            foreach (var file in models.Files.Where(f => f.Status == ModelFileStatus.Ok && f.FileName != SonicModelContract.FaceDetector))
            {
                var (session, provider) = sessions.Create(file.FileName, Path.Combine(models.Directory, file.FileName), intraOpThreads);
                opened[file.FileName] = new SonicNetwork(file.FileName, session, provider);
            }

            return new SonicNetworks(opened);
        }
        catch
        {
            foreach (var network in opened.Values)
            {
                network.Dispose();
            }

            throw;
        }
    }

    public void Dispose()
    {
        foreach (var network in All.Values)
        {
            network.Dispose();
        }
    }
}
