using System.Security.Cryptography.X509Certificates;

namespace Sonic.Pipeline.Provenance.C2pa;

/// <summary>
/// The certificate that signs C2PA claims (with its EC P-256 private key) and the chain sent with each signature, leaf
/// first. <see cref="IsDevelopment"/>: the local chain <see cref="DevelopmentCertificate"/> made, which no one trusts.
/// </summary>
public sealed class SigningCredential(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain, bool isDevelopment) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;

    public IReadOnlyList<X509Certificate2> Chain { get; } = chain;

    public bool IsDevelopment { get; } = isDevelopment;

    /// <summary>A credential from PEM text: the private key and the certificates, leaf first (any order of blocks).</summary>
    public static SigningCredential FromPem(string certificatesPem, string keyPem, bool isDevelopment)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(certificatesPem);
        if (certificates.Count == 0)
        {
            throw new InvalidOperationException("The signing certificate PEM holds no certificate.");
        }

        var leaf = X509Certificate2.CreateFromPem(certificates[0].ExportCertificatePem(), keyPem);
        return new SigningCredential(leaf, [leaf, .. certificates.Skip(1)], isDevelopment);
    }

    public void Dispose()
    {
        foreach (var certificate in Chain)
        {
            certificate.Dispose();
        }

        Certificate.Dispose();
    }
}
