using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sonic.Pipeline.Provenance.C2pa;

/// <summary>
/// The certificate that signs C2PA claims (with its EC private key) and the chain sent with each signature, leaf first
/// (the chain holds the signer itself, so disposing the chain disposes all). <see cref="IsDevelopment"/>: the local chain <see cref="DevelopmentCertificate"/> made, which no one trusts.
/// </summary>
public sealed class SigningCredential(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain, bool isDevelopment) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;

    public IReadOnlyList<X509Certificate2> Chain { get; } = chain;

    public bool IsDevelopment { get; } = isDevelopment;

    /// <summary>A credential from PEM text: the private key and the certificates — the signer (the one the key belongs to) first in the chain, its issuers after.</summary>
    public static SigningCredential FromPem(string certificatesPem, string keyPem, bool isDevelopment)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(certificatesPem);
        using var key = ECDsa.Create();
        key.ImportFromPem(keyPem);
        var publicKey = key.ExportSubjectPublicKeyInfo();
        var leaf = certificates.FirstOrDefault(c => c.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey))
            ?? throw new InvalidOperationException("No certificate in the signing PEM belongs to its private key.");
        var signer = leaf.CopyWithPrivateKey(key);
        leaf.Dispose();
        return new SigningCredential(signer, [signer, .. certificates.Where(c => c != leaf)], isDevelopment);
    }

    public void Dispose()
    {
        foreach (var certificate in Chain)
        {
            certificate.Dispose();
        }
    }
}
