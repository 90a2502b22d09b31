using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sonic.Pipeline.Provenance.C2pa;

/// <summary>
/// A local signing chain for machines without a real certificate: a root CA and a signer it issued, both P-256 and
/// named "(untrusted)", made once into one PEM file (key, signer, root) and reused. Validators report it as an
/// untrusted signer — the manifest and its hash binding still check out. The signer has what C2PA readers require of an
/// end-entity certificate: v3, not a CA, digitalSignature key usage, the emailProtection and documentSigning extended
/// key usages, and authority and subject key identifiers.
/// </summary>
public static class DevelopmentCertificate
{
    public const string FileName = "c2pa-development-chain.pem";
    public const string SignerName = "CN=SonicFunctions development signer (untrusted), O=SonicFunctions development (untrusted)";
    public const string RootName = "CN=SonicFunctions development root (untrusted: do not add to a trust list), O=SonicFunctions development (untrusted)";

    /// <summary>The chain in <paramref name="folder"/>, made first if it is not there (safe against concurrent first runs).</summary>
    public static SigningCredential LoadOrCreate(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            var partial = path + "." + Guid.NewGuid().ToString("N") + ".partial";
            File.WriteAllText(partial, Create());
            try
            {
                // First writer wins; a chain another process just made is as good as ours.
                File.Move(partial, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(partial);
            }
        }

        var pem = File.ReadAllText(path);
        return SigningCredential.FromPem(pem, pem, isDevelopment: true);
    }

    /// <summary>Key, signer certificate and root certificate, as PEM.</summary>
    private static string Create()
    {
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest(RootName, rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var root = rootRequest.CreateSelfSigned(now, now.AddYears(10));

        using var signerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signerRequest = new CertificateRequest(SignerName, signerKey, HashAlgorithmName.SHA256);
        signerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        signerRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        signerRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.4", "emailProtection"), new Oid("1.3.6.1.5.5.7.3.36", "documentSigning")], false));
        signerRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(signerRequest.PublicKey, false));
        signerRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var signer = signerRequest.Create(root, now, now.AddYears(5), RandomNumberGenerator.GetBytes(16));

        return signerKey.ExportPkcs8PrivateKeyPem() + "\n" + signer.ExportCertificatePem() + "\n" + root.ExportCertificatePem() + "\n";
    }
}
