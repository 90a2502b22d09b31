using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using Sonic.Media.Video;

namespace Sonic.Pipeline.Provenance.C2pa;

/// <summary>
/// Checks the C2PA manifest of an MP4 the way a validator does, short of trust lists: the active manifest's claim
/// signature (COSE_Sign1 against the signer certificate it carries, and that certificate's validity dates), every
/// assertion's hash in the claim, and the BMFF hash binding against the file as it is. Failures use the C2PA
/// specification's status codes. Whether the signer is on a trust list is for a validator with one
/// (<c>c2patool</c>, contentcredentials.org) to say; the report names the signer and flags our development chain.
/// </summary>
public static class C2paReader
{
    public static C2paReport Read(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var failures = new List<string>();
        try
        {
            if (IsoBoxes.ReadUuidBody(file, BmffHash.C2paUuid, MaxManifestBytes) is not { } body)
            {
                return C2paReport.Absent;
            }

            // FullBox version/flags (4), purpose "manifest\0" (9), offset (8), then the store.
            if (body.Length < 21 || !body.AsSpan(4, 9).SequenceEqual("manifest\0"u8))
            {
                return C2paReport.Malformed("The C2PA box does not hold a manifest store.");
            }

            var (storeLabel, _, manifests) = Jumbf.Open(body.AsMemory(21));
            if (storeLabel != "c2pa" || manifests.Count == 0)
            {
                return C2paReport.Malformed("The C2PA box holds no manifest.");
            }

            // The active manifest is the last one.
            var (_, _, parts) = Jumbf.Open(manifests[^1]);
            var named = parts.Select(Jumbf.Open).ToList();
            var assertions = named.Single(p => p.Label == C2paManifest.AssertionsLabel).Children;
            var claimBytes = Content(named.Single(p => p.Label.StartsWith("c2pa.claim", StringComparison.Ordinal)).Children).ToArray();
            var signatureBytes = Content(named.Single(p => p.Label == C2paManifest.SignatureLabel).Children).ToArray();

            var signer = CheckSignature(claimBytes, signatureBytes, failures);
            var claim = CborMaps.ReadMap(claimBytes);
            var byLabel = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
            foreach (var assertion in assertions)
            {
                if (!byLabel.TryAdd(Jumbf.Open(assertion).Label, assertion))
                {
                    failures.Add("assertion.duplicate");
                }
            }

            foreach (var reference in (claim.GetValueOrDefault("created_assertions") as List<object?> ?? []).Concat(claim.GetValueOrDefault("gathered_assertions") as List<object?> ?? []))
            {
                if (reference is not Dictionary<string, object?> uri || uri.GetValueOrDefault("url") is not string url || uri.GetValueOrDefault("hash") is not byte[] hash)
                {
                    failures.Add("claim.malformed");
                    continue;
                }

                var label = url[(url.LastIndexOf('/') + 1)..];
                if (!byLabel.TryGetValue(label, out var assertion))
                {
                    failures.Add("assertion.missing");
                }
                else if (!C2paManifest.AssertionHash(assertion.Span).AsSpan().SequenceEqual(hash))
                {
                    failures.Add("assertion.hashedURI.mismatch");
                }
            }

            string? sourceType = null, animator = null;
            if (byLabel.TryGetValue(C2paManifest.ActionsLabel, out var actions))
            {
                var first = (CborMaps.ReadMap(Content(Jumbf.Open(actions).Children)).GetValueOrDefault("actions") as List<object?>)?.FirstOrDefault() as Dictionary<string, object?>;
                sourceType = first?.GetValueOrDefault("digitalSourceType") as string;
                animator = (first?.GetValueOrDefault("parameters") as Dictionary<string, object?>)?.GetValueOrDefault("animator") as string;
            }

            if (byLabel.TryGetValue(BmffHash.Label, out var binding))
            {
                var expected = BmffHash.HashOf(Content(Jumbf.Open(binding).Children));
                if (expected is null || BmffHash.Compute(file) is not { } actual || !actual.AsSpan().SequenceEqual(expected))
                {
                    failures.Add("assertion.bmffHash.mismatch");
                }
            }
            else
            {
                failures.Add("claim.hardBindings.missing");
            }

            var generator = claim.GetValueOrDefault("claim_generator_info") as Dictionary<string, object?>;
            return new C2paReport(
                true,
                failures.Count == 0,
                signer,
                signer == DevelopmentCertificate.SignerName,
                generator is null ? null : $"{generator.GetValueOrDefault("name")} {generator.GetValueOrDefault("version")}".Trim(),
                sourceType,
                animator,
                failures.Distinct().ToList());
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or OverflowException
            or System.Formats.Cbor.CborContentException or CryptographicException)
        {
            // Whatever a crafted or truncated box holds, the answer is a report, never a failure of the request.
            return C2paReport.Malformed(e.Message);
        }
    }

    /// <summary>A manifest store larger than this is not one we read (ours are a few kilobytes).</summary>
    private const int MaxManifestBytes = 16 << 20;

    /// <summary>The payload of the one <c>cbor</c> box a superbox holds after its description.</summary>
    private static ReadOnlyMemory<byte> Content(List<ReadOnlyMemory<byte>> children) =>
        children.Count > 0 ? Jumbf.Payload(children[0], "cbor") : throw new FormatException("A JUMBF superbox has no content box.");

    /// <summary>Verifies the COSE_Sign1 over the claim with the signer certificate in its x5chain; the signer's subject, or null.</summary>
    private static string? CheckSignature(byte[] claim, byte[] signature, List<string> failures)
    {
        var message = CoseMessage.DecodeSign1(signature);
        if (!message.ProtectedHeaders.TryGetValue(C2paManifest.X5Chain, out var chainValue))
        {
            failures.Add("claimSignature.missing");
            return null;
        }

        var reader = new System.Formats.Cbor.CborReader(chainValue.EncodedValue);
        var leafBytes = reader.PeekState() == System.Formats.Cbor.CborReaderState.StartArray
            ? ReadFirst(reader)
            : reader.ReadByteString();
        using var signer = X509CertificateLoader.LoadCertificate(leafBytes);
        using var key = signer.GetECDsaPublicKey();
        if (key is null || !message.VerifyDetached(key, claim))
        {
            failures.Add("claimSignature.mismatch");
        }

        if (DateTime.UtcNow < signer.NotBefore.ToUniversalTime() || DateTime.UtcNow > signer.NotAfter.ToUniversalTime())
        {
            failures.Add("signingCredential.expired");
        }

        return signer.Subject;
    }

    private static byte[] ReadFirst(System.Formats.Cbor.CborReader reader)
    {
        reader.ReadStartArray();
        return reader.ReadByteString();
    }
}
