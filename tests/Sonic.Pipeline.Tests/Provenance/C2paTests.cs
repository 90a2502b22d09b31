using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sonic.Inference.Animation;
using Sonic.Media.Errors;
using Sonic.Pipeline.Provenance;
using Sonic.Pipeline.Provenance.C2pa;
using Sonic.Testing;
using Sonic.Testing.C2pa;
using static Sonic.Pipeline.Tests.Cli.CliRunner;

namespace Sonic.Pipeline.Tests.Provenance;

/// <summary>
/// The signed C2PA manifest in rendered MP4s, checked by the official validator (c2pa-rs as WebAssembly, in Node) and
/// by <c>sonic verify</c>: valid, its only complaint about the development certificate being that nobody trusts it,
/// trusted once its root is a trust anchor, and broken by a changed byte.
/// </summary>
public sealed class C2paTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-c2pa");

    [Fact]
    public async Task Render_SignsAManifest_TheOfficialValidatorAccepts_WithOnlyTheDevelopmentSignerUntrusted()
    {
        var video = await RenderAsync("signed.mp4");

        var store = await C2paValidator.ValidateAsync(video);
        Assert.Equal("Valid", store.GetProperty("validation_state").GetString());
        Assert.Equal(["signingCredential.untrusted"], C2paValidator.StatusCodes(store));
        var success = store.GetProperty("validation_results").GetProperty("activeManifest").GetProperty("success").EnumerateArray()
            .Select(s => s.GetProperty("code").GetString()).ToList();
        Assert.Contains("claimSignature.validated", success);
        Assert.Contains("assertion.bmffHash.match", success);

        var manifest = store.GetProperty("manifests").GetProperty(store.GetProperty("active_manifest").GetString()!);
        Assert.Equal("astronaut.mp4", manifest.GetProperty("title").GetString()); // the download name
        Assert.Equal("SonicFunctions", manifest.GetProperty("claim_generator_info")[0].GetProperty("name").GetString());
        var actions = manifest.GetProperty("assertions").EnumerateArray().Single(a => a.GetProperty("label").GetString() == "c2pa.actions.v2");
        var created = actions.GetProperty("data").GetProperty("actions")[0];
        Assert.Equal("c2pa.created", created.GetProperty("action").GetString());
        Assert.Equal(AigcMetadata.TrainedAlgorithmicMedia, created.GetProperty("digitalSourceType").GetString());
        Assert.Equal("SonicFunctions", created.GetProperty("softwareAgent").GetProperty("name").GetString());
        Assert.Equal("builtin", created.GetProperty("parameters").GetProperty("animator").GetString());
        Assert.Contains("(untrusted)", manifest.GetProperty("signature_info").GetProperty("issuer").GetString(), StringComparison.Ordinal);

        // The development root as a trust anchor: the chain itself is sound.
        var root = Path.Combine(folder, "root.pem");
        var folderInUse = Environment.GetEnvironmentVariable("Sonic__Provenance__DevelopmentCertificateFolder") ?? new ProvenanceOptions().DevelopmentCertificateFolder;
        var chain = await File.ReadAllTextAsync(Path.Combine(folderInUse, DevelopmentCertificate.FileName));
        await File.WriteAllTextAsync(root, chain[chain.LastIndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)..]);
        Assert.Equal("Trusted", (await C2paValidator.ValidateAsync(video, root)).GetProperty("validation_state").GetString());

        // Written after the last re-mux and the XMP: moov still first, the manifest last, and sonic verify agrees.
        var boxes = Mp4Boxes.TopLevelTypes(video).ToList();
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"));
        Assert.Equal(["uuid", "uuid"], boxes[^2..]);
        var (exit, stdout, stderr) = await Run("verify", video, "--json");
        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var c2pa = report.RootElement.GetProperty("c2pa");
        Assert.True(c2pa.GetProperty("valid").GetBoolean(), c2pa.ToString());
        Assert.True(c2pa.GetProperty("development_certificate").GetBoolean());
        Assert.Equal("builtin", c2pa.GetProperty("animator").GetString());
    }

    [Fact]
    public async Task OneChangedByteInTheVideo_BreaksTheHashBinding_ForBothValidators()
    {
        var video = await RenderAsync("tampered.mp4");
        await using (var file = new FileStream(video, FileMode.Open, FileAccess.ReadWrite))
        {
            var mdat = Sonic.Media.Video.IsoBoxes.TopLevel(file).Single(b => b.Type == "mdat");
            file.Position = mdat.Offset + (mdat.Size / 2);
            var value = file.ReadByte();
            file.Position--;
            file.WriteByte((byte)(value ^ 0x01));
        }

        var store = await C2paValidator.ValidateAsync(video);
        Assert.Equal("Invalid", store.GetProperty("validation_state").GetString());
        Assert.Contains("assertion.bmffHash.mismatch", C2paValidator.StatusCodes(store));
        var ours = ProvenanceReader.Read(video).C2pa;
        Assert.False(ours.Valid);
        Assert.Equal(["assertion.bmffHash.mismatch"], ours.Failures);
    }

    [Fact]
    public async Task PemFiles_SignInsteadOfTheDevelopmentChain_AndSigningTwiceLeavesOneManifest()
    {
        // A chain made elsewhere, handed over as two PEM files as an operator would.
        using (var made = DevelopmentCertificate.LoadOrCreate(Path.Combine(folder, "issuer")))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), made.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            await File.WriteAllTextAsync(Path.Combine(folder, "chain.pem"), string.Join('\n', made.Chain.Select(c => c.ExportCertificatePem())));
        }

        var video = Path.Combine(folder, "plain.mp4");
        MediaTool.Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1", "-c:v", "libx264", "-movflags", "+faststart", video]);
        using var signer = Signer(new ProvenanceOptions { SigningCertificatePath = Path.Combine(folder, "chain.pem"), SigningKeyPath = Path.Combine(folder, "key.pem") });
        var animator = new AnimatorInfo("builtin", "the built-in animator", "CPU", false);
        await signer.SignAsync(video, "plain.mp4", animator, "job-1", CancellationToken.None);
        await signer.SignAsync(video, "plain.mp4", animator, "job-1", CancellationToken.None);

        Assert.Single(Mp4Boxes.TopLevelTypes(video), t => t == "uuid");
        Assert.Equal("Valid", (await C2paValidator.ValidateAsync(video)).GetProperty("validation_state").GetString());
        Assert.True(ProvenanceReader.Read(video).C2pa.Valid);
    }

    [Fact]
    public async Task UnreadablePem_IsSigningUnavailable_AndHalfAKeyVaultSetting_IsASettingsError()
    {
        var video = Path.Combine(folder, "plain.mp4");
        MediaTool.Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=1", "-c:v", "libx264", video]);
        await File.WriteAllTextAsync(Path.Combine(folder, "junk.pem"), "not a certificate");
        using var signer = Signer(new ProvenanceOptions { SigningCertificatePath = Path.Combine(folder, "junk.pem"), SigningKeyPath = Path.Combine(folder, "junk.pem") });
        var failure = await Assert.ThrowsAsync<SonicJobException>(() => signer.SignAsync(video, "plain.mp4", new AnimatorInfo("builtin", "b", "CPU", false), "job-2", CancellationToken.None));
        Assert.Equal(ErrorCodes.SigningUnavailable, failure.Code);

        var problems = new ProvenanceOptions { KeyVaultUri = new Uri("https://vault.example/") }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())).ToList();
        Assert.Contains(problems, p => p.ErrorMessage!.Contains("KeyVaultUri and SigningCertificateName go together", StringComparison.Ordinal));
    }

    [Fact]
    public void DevelopmentChain_IsMadeOnce_EvenWhenManyAskAtOnce()
    {
        var shared = Path.Combine(folder, "dev");
        var thumbprints = Enumerable.Range(0, 6).AsParallel().Select(_ =>
        {
            using var credential = DevelopmentCertificate.LoadOrCreate(shared);
            return credential.Certificate.Thumbprint;
        }).ToList();

        Assert.Single(thumbprints.Distinct());
        Assert.Equal([DevelopmentCertificate.FileName], Directory.GetFiles(shared).Select(Path.GetFileName));
    }

    [Fact]
    public async Task CraftedManifests_AreReportedMalformed_NeverThrown()
    {
        var plain = Path.Combine(folder, "base.mp4");
        MediaTool.Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=1", "-c:v", "libx264", "-movflags", "+faststart", plain]);
        byte[] header = [0, 0, 0, 0, .. "manifest\0"u8, 0, 0, 0, 0, 0, 0, 0, 0];
        var deepClaim = Enumerable.Repeat((byte)0x81, 100_000).Append((byte)0x00).ToArray(); // [[[[…]]]]: a stack bomb for a naive reader
        var deep = Jumbf.SuperBox(Jumbf.ManifestStore, "c2pa", Jumbf.SuperBox(Jumbf.Manifest, "urn:c2pa:x",
            Jumbf.SuperBox(Jumbf.AssertionStore, C2paManifest.AssertionsLabel),
            Jumbf.CborSuperBox(Jumbf.Claim, C2paManifest.ClaimLabel, deepClaim),
            Jumbf.CborSuperBox(Jumbf.Signature, C2paManifest.SignatureLabel, [0xF6])));
        byte[] deepMap = [0xA1, 0x61, (byte)'a', .. deepClaim];
        Assert.Throws<FormatException>(() => CborMaps.ReadMap(deepMap));
        var cases = new Dictionary<string, byte[]>
        {
            ["garbage"] = [.. header, .. "not jumbf at all"u8],
            ["deep"] = [.. header, .. deep],
            ["short"] = [1, 2, 3],
        };
        foreach (var (name, body) in cases)
        {
            var crafted = Path.Combine(folder, name + ".mp4");
            File.Copy(plain, crafted);
            await using (var file = new FileStream(crafted, FileMode.Open, FileAccess.ReadWrite))
            {
                Sonic.Media.Video.IsoBoxes.AppendUuidBox(file, BmffHash.C2paUuid, body);
            }

            var report = ProvenanceReader.Read(crafted).C2pa;
            Assert.True(report is { Present: true, Valid: false }, $"{name}: {string.Join(", ", report.Failures)}");
            Assert.StartsWith("manifest.malformed", report.Failures[0], StringComparison.Ordinal);
        }

        // A box that claims more bytes than the file has: the walk stops there, no allocation of the claimed size.
        var lying = Path.Combine(folder, "lying.mp4");
        File.Copy(plain, lying);
        await using (var file = new FileStream(lying, FileMode.Append))
        {
            file.Write([0x7F, 0xFF, 0xFF, 0xFF, .. "uuid"u8, .. BmffHash.C2paUuid, 0, 0, 0, 0]);
        }

        Assert.False(ProvenanceReader.Read(lying).C2pa.Present);
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);

    private static C2paSigner Signer(ProvenanceOptions options) =>
        new(Options.Create(options), new Azure.Identity.DefaultAzureCredential(), new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), NullLogger<C2paSigner>.Instance);

    private async Task<string> RenderAsync(string name)
    {
        var video = Path.Combine(folder, name);
        return await RenderSpeechAsync(TestPaths.OwnSample("astronaut.png"), video, "--min-resolution", "256", "--output-resolution", "360");
    }
}
