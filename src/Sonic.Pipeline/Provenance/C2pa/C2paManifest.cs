using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;

namespace Sonic.Pipeline.Provenance.C2pa;

/// <summary>
/// Builds the C2PA manifest store for one MP4: a <c>c2pa.actions.v2</c> assertion (<c>c2pa.created</c> by a trained
/// model, the software agent and the animator that ran), the <c>c2pa.hash.bmff.v3</c> hard binding, a v2 claim
/// listing both by hash, and the claim's COSE_Sign1 (ES256, detached, the signer's chain in <c>x5chain</c>) — CBOR by
/// <see cref="CborWriter"/>, COSE by <see cref="CoseSign1Message"/>.
/// </summary>
public static class C2paManifest
{
    public const string ActionsLabel = "c2pa.actions.v2";
    public const string ClaimLabel = "c2pa.claim.v2";
    public const string SignatureLabel = "c2pa.signature";
    public const string AssertionsLabel = "c2pa.assertions";

    /// <summary>What the manifest says about the video.</summary>
    /// <param name="Title">The file name people download (<c>dc:title</c>).</param>
    /// <param name="Animator">Which animator made the frames ("sonic", "builtin").</param>
    /// <param name="AnimatorDescription">The animator in words.</param>
    /// <param name="ContentId">The job id (the AIGC label's ProduceID).</param>
    public sealed record Facts(string Title, string Animator, string AnimatorDescription, string ContentId, string SoftwareVersion);

    /// <summary>The manifest store (JUMBF) binding <paramref name="bmffHash"/>, signed with <paramref name="credential"/>.</summary>
    public static byte[] Build(Facts facts, byte[] bmffHash, SigningCredential credential)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(credential);
        var actions = Jumbf.CborSuperBox(Jumbf.CborAssertion, ActionsLabel, Actions(facts));
        var hash = Jumbf.CborSuperBox(Jumbf.CborAssertion, BmffHash.Label, BmffHash.Assertion(bmffHash));
        var claim = Claim(facts, [(BmffHash.Label, hash), (ActionsLabel, actions)]);
        var signature = Sign(claim, credential);
        return Jumbf.SuperBox(
            Jumbf.ManifestStore,
            "c2pa",
            Jumbf.SuperBox(
                Jumbf.Manifest,
                $"urn:c2pa:{Guid.NewGuid():D}",
                Jumbf.SuperBox(Jumbf.AssertionStore, AssertionsLabel, actions, hash),
                Jumbf.CborSuperBox(Jumbf.Claim, ClaimLabel, claim),
                Jumbf.CborSuperBox(Jumbf.Signature, SignatureLabel, signature)));
    }

    /// <summary>What a claim's hashed URI holds for an assertion: SHA-256 of its superbox without the 8-byte header.</summary>
    public static byte[] AssertionHash(ReadOnlySpan<byte> assertionSuperBox) => SHA256.HashData(assertionSuperBox[8..]);

    private static byte[] Actions(Facts facts)
    {
        var cbor = new CborWriter();
        cbor.WriteStartMap(1);
        cbor.WriteTextString("actions");
        cbor.WriteStartArray(1);
        cbor.WriteStartMap(5);
        cbor.WriteTextString("action");
        cbor.WriteTextString("c2pa.created");
        cbor.WriteTextString("digitalSourceType");
        cbor.WriteTextString(AigcMetadata.TrainedAlgorithmicMedia);
        cbor.WriteTextString("softwareAgent");
        WriteGenerator(cbor, facts);
        cbor.WriteTextString("description");
        cbor.WriteTextString($"Talking-head video animated from one portrait and one recording by the {facts.Animator} animator ({facts.AnimatorDescription}).");
        cbor.WriteTextString("parameters");
        cbor.WriteStartMap(2);
        cbor.WriteTextString("animator");
        cbor.WriteTextString(facts.Animator);
        cbor.WriteTextString("produce_id");
        cbor.WriteTextString(facts.ContentId);
        cbor.WriteEndMap();
        cbor.WriteEndMap();
        cbor.WriteEndArray();
        cbor.WriteEndMap();
        return cbor.Encode();
    }

    private static byte[] Claim(Facts facts, IReadOnlyList<(string Label, byte[] SuperBox)> assertions)
    {
        var cbor = new CborWriter();
        cbor.WriteStartMap(6);
        cbor.WriteTextString("instanceID");
        cbor.WriteTextString($"xmp:iid:{Guid.NewGuid():D}");
        cbor.WriteTextString("claim_generator_info");
        WriteGenerator(cbor, facts);
        cbor.WriteTextString("signature");
        cbor.WriteTextString("self#jumbf=" + SignatureLabel);
        cbor.WriteTextString("created_assertions");
        cbor.WriteStartArray(assertions.Count);
        foreach (var (label, box) in assertions)
        {
            cbor.WriteStartMap(2);
            cbor.WriteTextString("url");
            cbor.WriteTextString($"self#jumbf={AssertionsLabel}/{label}");
            cbor.WriteTextString("hash");
            cbor.WriteByteString(AssertionHash(box));
            cbor.WriteEndMap();
        }

        cbor.WriteEndArray();
        cbor.WriteTextString("dc:title");
        cbor.WriteTextString(facts.Title);
        cbor.WriteTextString("alg");
        cbor.WriteTextString("sha256");
        cbor.WriteEndMap();
        return cbor.Encode();
    }

    private static void WriteGenerator(CborWriter cbor, Facts facts)
    {
        cbor.WriteStartMap(2);
        cbor.WriteTextString("name");
        cbor.WriteTextString("SonicFunctions");
        cbor.WriteTextString("version");
        cbor.WriteTextString(facts.SoftwareVersion);
        cbor.WriteEndMap();
    }

    /// <summary>COSE_Sign1 (tag 18) over the claim bytes, detached, ECDSA (ES256 for P-256), the chain (leaf first) as <c>x5chain</c> (label 33) in the protected header.</summary>
    private static byte[] Sign(byte[] claim, SigningCredential credential)
    {
        var chain = new CborWriter();
        chain.WriteStartArray(credential.Chain.Count);
        foreach (var certificate in credential.Chain)
        {
            chain.WriteByteString(certificate.RawData);
        }

        chain.WriteEndArray();
        var protectedHeaders = new CoseHeaderMap { [X5Chain] = CoseHeaderValue.FromEncodedValue(chain.Encode()) };
        using var key = credential.Certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The signing certificate has no EC private key.");
        // ES256 / ES384 / ES512 by the key's curve, as COSE pairs them.
        var hash = key.KeySize switch { 384 => HashAlgorithmName.SHA384, 521 => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        var signer = new CoseSigner(key, hash, protectedHeaders);
        return CoseSign1Message.SignDetached(claim, signer);
    }

    /// <summary>COSE header label 33, x5chain (RFC 9360).</summary>
    public static readonly CoseHeaderLabel X5Chain = new(33);
}
