using System.ComponentModel.DataAnnotations;

namespace Sonic.Pipeline.Provenance;

/// <summary>
/// Section <c>Sonic:Provenance</c>: who the files' implicit AIGC label names (GB 45438-2025 asks for the service
/// provider's name or code as the content producer, and for the platform that distributes the file as the
/// propagator; the defaults name this software), the invisible watermark's key, and where the C2PA signing
/// certificate comes from: Key Vault (<see cref="KeyVaultUri"/> + <see cref="SigningCertificateName"/>), PEM files
/// (<see cref="SigningCertificatePath"/> + <see cref="SigningKeyPath"/>), or else an untrusted development chain made
/// once in <see cref="DevelopmentCertificateFolder"/>.
/// </summary>
public sealed class ProvenanceOptions : IValidatableObject
{
    public const string SectionName = "Sonic:Provenance";

    public string ContentProducer { get; set; } = "SonicFunctions";

    public string ContentPropagator { get; set; } = "SonicFunctions";

    /// <summary>
    /// The secret that keys the invisible watermark: only a holder can find (or forge) it. The default is public — it is
    /// in this repository — so a deployment sets its own (Key Vault reference in Azure).
    /// </summary>
    [Required]
    [MinLength(16)]
    public string WatermarkKey { get; set; } = DevelopmentWatermarkKey;

    public const string DevelopmentWatermarkKey = "sonicfunctions-development-watermark-key";

    /// <summary>Whether every video gets a signed C2PA manifest (on unless switched off).</summary>
    public bool C2pa { get; set; } = true;

    /// <summary>The vault holding the signing certificate, e.g. <c>https://name.vault.azure.net/</c>.</summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>The Key Vault certificate (EC P-256, exportable key) to sign with.</summary>
    public string? SigningCertificateName { get; set; }

    /// <summary>User-assigned identity for Key Vault; empty: DefaultAzureCredential's own choice.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>PEM certificates, signer first, then its issuers.</summary>
    public string? SigningCertificatePath { get; set; }

    /// <summary>PEM PKCS#8 private key of the signer.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>Where the development chain lives when no certificate is configured (<c>./sonic</c> uses .local/c2pa).</summary>
    public string DevelopmentCertificateFolder { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "SonicFunctions", "c2pa");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WatermarkKey.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            // An app setting whose Key Vault reference did not resolve arrives as its literal text: never a key.
            yield return new ValidationResult(
                "Sonic:Provenance:WatermarkKey is an unresolved Key Vault reference; check the app's access to the vault.", [nameof(WatermarkKey)]);
        }

        if ((KeyVaultUri is null) != string.IsNullOrWhiteSpace(SigningCertificateName))
        {
            yield return new ValidationResult(
                "Sonic:Provenance:KeyVaultUri and SigningCertificateName go together: set both to sign with a Key Vault certificate, or neither.",
                [nameof(KeyVaultUri), nameof(SigningCertificateName)]);
        }

        if (string.IsNullOrWhiteSpace(SigningCertificatePath) != string.IsNullOrWhiteSpace(SigningKeyPath))
        {
            yield return new ValidationResult(
                "Sonic:Provenance:SigningCertificatePath and SigningKeyPath go together: set both to sign with PEM files, or neither.",
                [nameof(SigningCertificatePath), nameof(SigningKeyPath)]);
        }
    }
}
