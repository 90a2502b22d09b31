using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Inference.Animation;
using Sonic.Pipeline.Faces;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Models;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// The face preparation of a portrait (decode, orientation, detection, crop and resize) done once and kept in
/// <c>work/faces/{key}/</c>, the key hashing the image's bytes and everything that changes the result: expand_ratio,
/// the crop side (min_resolution or the model's native size) and the detector. Every job and batch item with the same
/// portrait and settings copies it instead. Entries are written crop first, <c>face.json</c> last (its presence means
/// the entry is whole); jobs in one process that miss at once prepare it once (<see cref="CacheGates"/>), processes
/// that race write identical bytes, and a batch prepares its portrait before its items start (<see cref="WarmAsync"/>). Sonic's conditioning of the
/// crop (CLIP embedding, VAE latent) is kept beside them by the inference stage (<see cref="ConditioningOf"/>). Entries live as long as
/// <c>work/</c> does (its retention rule); a miss after that simply prepares again.
/// </summary>
public sealed partial class FaceCache(
    IArtifactStore store, FaceStage faceStage, AnimatorCatalog animators, CacheGates gates, IOptionsMonitor<FaceCacheOptions> options, ILogger<FaceCache> logger)
{
    public const string Hit = "hit";
    public const string Miss = "miss";
    public const string Off = "off";

    /// <summary>The entries' folder in <c>work</c>, beside the jobs' own folders.</summary>
    public const string Folder = "faces";

    /// <summary>Raised when what is cached changes shape, so old entries are never read as new ones.</summary>
    private const int Version = 1;

    /// <summary>The prepared face for the portrait at <paramref name="imagePath"/> (a local file) and these parameters.</summary>
    public async Task<PreparedFace> GetOrCreateAsync(string imagePath, RenderParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        // When this host runs Sonic itself, crop at its folder's native size with its own detector, as the CLI does; a
        // remote service renders other sizes at its native size anyway (SonicAnimator, CropSizePolicy.Native).
        var (native, detector) = animators.FramingFor(parameters);
        if (!options.CurrentValue.Enabled)
        {
            return Prepare(imagePath, parameters, native, detector, Off, cancellationToken);
        }

        var key = Key(await HashAsync(imagePath, cancellationToken).ConfigureAwait(false), parameters, native, faceStage.DetectorName(detector));
        var (crop, entry) = Entry(key);
        using var gate = await gates.EnterAsync(entry.Name, cancellationToken).ConfigureAwait(false);
        // face.json is written last, but a retention rule may delete the crop first: then the entry is made again.
        if (await store.TryReadJsonAsync<CacheEntry>(entry, cancellationToken).ConfigureAwait(false) is { } cached
            && await store.TryReadAllBytesAsync(crop, cancellationToken).ConfigureAwait(false) is { } cropPng)
        {
            Log.CacheHit(logger, key);
            return new PreparedFace(cached.Face, cached.Warnings, cropPng, Hit);
        }

        var prepared = Prepare(imagePath, parameters, native, detector, Miss, cancellationToken);
        await store.UploadBytesAsync(crop, prepared.CropPng, new ArtifactHeaders("image/png"), cancellationToken).ConfigureAwait(false);
        await store.WriteJsonAsync(entry, new CacheEntry(prepared.Face, prepared.Warnings), cancellationToken).ConfigureAwait(false);
        Log.CacheMiss(logger, key);
        return prepared;
    }

    /// <summary>
    /// Makes sure the portrait's entry exists for each distinct face setting among <paramref name="jobs"/> (a batch's
    /// items), so the items that then start together all hit. Returns how many entries were prepared now.
    /// </summary>
    public async Task<int> WarmAsync(ArtifactRef image, IEnumerable<RenderParameters> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (!options.CurrentValue.Enabled)
        {
            return 0;
        }

        using var scratch = ScratchFolder.Create("face-cache");
        var imagePath = scratch.File(Path.GetFileName(image.Name));
        await store.DownloadToFileAsync(image, imagePath, cancellationToken).ConfigureAwait(false);
        var made = 0;
        foreach (var parameters in jobs.DistinctBy(p => (p.ExpandRatio, p.MinResolution, p.Model)))
        {
            made += (await GetOrCreateAsync(imagePath, parameters, cancellationToken).ConfigureAwait(false)).Cache == Miss ? 1 : 0;
        }

        return made;
    }

    public static string Key(string imageSha256, RenderParameters parameters, int? nativeResolution, string detector)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var text = string.Create(CultureInfo.InvariantCulture, $"v{Version}|{imageSha256}|{parameters.ExpandRatio:R}|{parameters.CropSide(nativeResolution)}|{detector}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>
    /// Where a model's conditioning of a crop is kept (<see cref="PortraitConditioning"/>): by the crop's own bytes, so
    /// every job whose preparation came from one cache entry shares it, and by the model's fingerprint.
    /// </summary>
    public static ArtifactRef ConditioningOf(ReadOnlySpan<byte> cropPng, string modelFingerprint)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData([.. SHA256.HashData(cropPng), .. Encoding.UTF8.GetBytes(modelFingerprint)]))[..32];
        return new ArtifactRef(ContainerNames.Work, $"{Folder}/conditioning/{key}.bin");
    }

    private PreparedFace Prepare(
        string imagePath, RenderParameters parameters, int? native, Sonic.Inference.Faces.IFaceDetector? detector, string cache, CancellationToken cancellationToken)
    {
        using var portrait = faceStage.Prepare(imagePath, parameters, cancellationToken, native, detector);
        var face = new FacePlan(portrait.Source.Width, portrait.Source.Height, portrait.Format, portrait.Crop, portrait.Portrait.Face);
        return new PreparedFace(face, portrait.Warnings, PreprocessStage.EncodePng(portrait.Portrait.Size, portrait.Portrait.Rgba), cache);
    }

    private static (ArtifactRef Crop, ArtifactRef Entry) Entry(string key) =>
        (new ArtifactRef(ContainerNames.Work, $"{Folder}/{key}/crop.png"), new ArtifactRef(ContainerNames.Work, $"{Folder}/{key}/face.json"));

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary><c>face.json</c> of an entry (the crop is its own file).</summary>
    private sealed record CacheEntry(FacePlan Face, IReadOnlyList<string> Warnings);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1450, Level = LogLevel.Information, Message = "Face cache hit: {Key}")]
        public static partial void CacheHit(ILogger logger, string key);

        [LoggerMessage(EventId = 1451, Level = LogLevel.Information, Message = "Face cache miss: {Key} prepared and stored")]
        public static partial void CacheMiss(ILogger logger, string key);
    }
}
