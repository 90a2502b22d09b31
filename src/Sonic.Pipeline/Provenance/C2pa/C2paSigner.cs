using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
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
    IHttpClientFactory httpClients,
    ILogger<C2paSigner> logger) : IDisposable
{
    public const string CredentialKey = "sonic-c2pa";

    /// <summary>The named HttpClient Key Vault calls go through.</summary>
    public const string HttpClientName = "sonic-c2pa-keyvault";

    private static readonly string Version =
        typeof(C2paSigner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    private static readonly TimeSpan Reload = TimeSpan.FromHours(12);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private SigningCredential? _credential;
    private DateTimeOffset _loadedAt;

    public bool Enabled => options.Value.C2pa;

    /// <summary>
    /// Loads the signing certificate now (a stage calls this before its long work, so a missing certificate fails the
    /// job in seconds, not after the encode).
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (Enabled)
        {
            await CredentialAsync(cancellationToken).ConfigureAwait(false);
        }
    }

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
        IsoBoxes.RemoveTrailingUuidBox(file, BmffHash.C2paUuid, Path.GetFileName(mp4Path));
        var hash = BmffHash.Compute(file) ?? throw new InvalidOperationException($"{Path.GetFileName(mp4Path)} has bytes after its last box that are not a box.");
        var store = C2paManifest.Build(new C2paManifest.Facts(title, animator.Name, animator.Description, contentId, Version), hash, credential);
        IsoBoxes.AppendUuidBox(file, BmffHash.C2paUuid, [.. BoxHeader, .. store]);
        Log.Signed(logger, Path.GetFileName(mp4Path), credential.Certificate.Subject, credential.IsDevelopment);
    }

    /// <summary>The C2PA box's body before the manifest store: FullBox version 0 and flags 0, the purpose "manifest", a zero offset.</summary>
    private static readonly byte[] BoxHeader = [0, 0, 0, 0, .. "manifest\0"u8, 0, 0, 0, 0, 0, 0, 0, 0];

    private async Task<SigningCredential> CredentialAsync(CancellationToken cancellationToken)
    {
        if (_credential is { } loaded && !Stale(loaded))
        {
            return loaded;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_credential is null || Stale(_credential))
            {
                // The old one stays alive for signings in flight; a renewed certificate is picked up within the day.
                _credential = Checked(await LoadAsync(options.Value, cancellationToken).ConfigureAwait(false));
                _loadedAt = DateTimeOffset.UtcNow;
            }

            return _credential;
        }
        finally
        {
            _loading.Release();
        }
    }

    private bool Stale(SigningCredential credential) =>
        DateTimeOffset.UtcNow - _loadedAt > Reload || credential.Certificate.NotAfter.ToUniversalTime() < DateTime.UtcNow.AddDays(1);

    /// <summary>A certificate C2PA can use: an EC private key on P-256, P-384 or P-521, and not expired.</summary>
    private static SigningCredential Checked(SigningCredential credential)
    {
        using var key = credential.Certificate.GetECDsaPrivateKey();
        if (key is null || key.KeySize is not (256 or 384 or 521))
        {
            credential.Dispose();
            throw new SonicJobException(ErrorCodes.SigningUnavailable,
                "The signing certificate has no exportable EC private key on P-256, P-384 or P-521, which C2PA signatures need.");
        }

        if (credential.Certificate.NotAfter.ToUniversalTime() < DateTime.UtcNow)
        {
            var expired = credential.Certificate.NotAfter;
            credential.Dispose();
            throw new SonicJobException(ErrorCodes.SigningUnavailable, FormattableString.Invariant($"The signing certificate expired on {expired:yyyy-MM-dd}."));
        }

        return credential;
    }

    private async Task<SigningCredential> LoadAsync(ProvenanceOptions settings, CancellationToken cancellationToken)
    {
        if (settings.KeyVaultUri is { } vault)
        {
            try
            {
                var client = new CertificateClient(vault, azureCredential, new CertificateClientOptions { Transport = new HttpClientTransport(httpClients.CreateClient(HttpClientName)) });
                var certificate = (await client.DownloadCertificateAsync(settings.SigningCertificateName, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
                return new SigningCredential(certificate, [certificate], isDevelopment: false);
            }
            catch (RequestFailedException e) when (e.Status is 404)
            {
                // 401/403 propagate: right after provisioning, role assignments take minutes to apply, and the stage's
                // retry policy outlasts that.
                throw new SonicJobException(ErrorCodes.SigningUnavailable,
                    $"Key Vault has no certificate '{settings.SigningCertificateName}'; run infra/hooks/c2pa-certificate.sh or import one under that name.", e);
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
