using System.Buffers.Binary;
using System.Reflection;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Inference.Animation;
using Sonic.Media.Errors;
using Sonic.Media.Video;

namespace Sonic.Pipeline.Provenance.C2pa;

/// <summary>
/// Signs a finished MP4 with a C2PA manifest, after its last re-mux: the BMFF hash over the file as it stands, the
/// manifest built and signed (<see cref="C2paManifest"/>), then appended as the last top-level box — no other box
/// moves, so the hash stays true and <c>moov</c> stays first. The signing certificate is loaded once (Key Vault, PEM
/// files or the development chain; see <see cref="ProvenanceOptions"/>); a failed load is retried on the next video.
/// </summary>
public sealed partial class C2paSigner(
    IOptions<ProvenanceOptions> options,
    [FromKeyedServices(C2paSigner.CredentialKey)] TokenCredential azureCredential,
    ILogger<C2paSigner> logger) : IDisposable
{
    public const string CredentialKey = "sonic-c2pa";

    private static readonly string Version =
        typeof(C2paSigner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private SigningCredential? _credential;

    public bool Enabled => options.Value.C2pa;

    /// <summary>Appends the signed manifest to <paramref name="mp4Path"/> (replacing one a re-run left as the last box).</summary>
    /// <exception cref="SonicJobException"><c>signing_unavailable</c> when the certificate cannot be loaded.</exception>
    public async Task SignAsync(string mp4Path, string title, AnimatorInfo animator, string contentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(animator);
        if (!Enabled)
        {
            return;
        }

        var credential = await CredentialAsync(cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(mp4Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: false);
        if (IsoBoxes.TopLevel(file).LastOrDefault(b => b.IsUuid(BmffHash.C2paUuid)) is { } existing)
        {
            if (existing.Offset + existing.Size != file.Length)
            {
                throw new InvalidOperationException($"{Path.GetFileName(mp4Path)} has a C2PA box that is not its last box.");
            }

            file.SetLength(existing.Offset);
        }

        var hash = BmffHash.Compute(file);
        var store = C2paManifest.Build(new C2paManifest.Facts(title, animator.Name, animator.Description, contentId, Version), hash, credential);
        IsoBoxes.AppendUuidBox(file, BmffHash.C2paUuid, [.. BoxHeader, .. store]);
        Log.Signed(logger, Path.GetFileName(mp4Path), credential.Certificate.Subject, credential.IsDevelopment);
    }

    /// <summary>The C2PA box's body before the manifest store: FullBox version 0 and flags 0, the purpose "manifest", a zero offset.</summary>
    private static byte[] BoxHeader
    {
        get
        {
            var header = new byte[4 + 9 + 8];
            "manifest\0"u8.CopyTo(header.AsSpan(4));
            BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(13), 0);
            return header;
        }
    }

    private async Task<SigningCredential> CredentialAsync(CancellationToken cancellationToken)
    {
        if (_credential is { } loaded)
        {
            return loaded;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _credential ??= await LoadAsync(options.Value, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<SigningCredential> LoadAsync(ProvenanceOptions settings, CancellationToken cancellationToken)
    {
        if (settings.KeyVaultUri is { } vault)
        {
            try
            {
                var client = new CertificateClient(vault, azureCredential);
                var certificate = (await client.DownloadCertificateAsync(settings.SigningCertificateName, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
                return new SigningCredential(certificate, [certificate], isDevelopment: false);
            }
            catch (RequestFailedException e) when (e.Status is 401 or 403 or 404)
            {
                throw new SonicJobException(ErrorCodes.SigningUnavailable,
                    $"Key Vault refused the signing certificate '{settings.SigningCertificateName}' (HTTP {e.Status}); check the certificate name and the identity's Key Vault roles.", e);
            }
            catch (AuthenticationFailedException e)
            {
                throw new SonicJobException(ErrorCodes.SigningUnavailable,
                    "This app could not sign in to Key Vault with its managed identity; check Sonic:Provenance:ManagedIdentityClientId.", e);
            }
        }

        if (settings.SigningCertificatePath is { Length: > 0 } certificatePath)
        {
            try
            {
                return SigningCredential.FromPem(
                    await File.ReadAllTextAsync(certificatePath, cancellationToken).ConfigureAwait(false),
                    await File.ReadAllTextAsync(settings.SigningKeyPath!, cancellationToken).ConfigureAwait(false),
                    isDevelopment: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException or InvalidOperationException)
            {
                throw new SonicJobException(ErrorCodes.SigningUnavailable,
                    $"The signing certificate '{Path.GetFileName(certificatePath)}' or its key could not be read as PEM ({e.Message.TrimEnd('.')}).", e);
            }
        }

        Log.DevelopmentCertificate(logger, settings.DevelopmentCertificateFolder);
        return DevelopmentCertificate.LoadOrCreate(settings.DevelopmentCertificateFolder);
    }

    public void Dispose()
    {
        _credential?.Dispose();
        _loading.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1480, Level = LogLevel.Warning, Message = "No C2PA signing certificate is configured: signing with the untrusted development chain in {Folder}")]
        public static partial void DevelopmentCertificate(ILogger logger, string folder);

        [LoggerMessage(EventId = 1481, Level = LogLevel.Information, Message = "Signed a C2PA manifest into {Video} as {Signer} (development: {IsDevelopment})")]
        public static partial void Signed(ILogger logger, string video, string signer, bool isDevelopment);
    }
}
