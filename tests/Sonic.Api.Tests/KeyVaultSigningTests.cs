using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sonic.Inference.Animation;
using Sonic.Media.Errors;
using Sonic.Pipeline.Provenance;
using Sonic.Pipeline.Provenance.C2pa;
using Sonic.Testing;

namespace Sonic.Api.Tests;

/// <summary>
/// Signing with a Key Vault certificate. Azure itself cannot be reached here, so Key Vault is a local HTTPS stand-in
/// of the documented REST protocol (bearer challenge, GET certificates/{name}, GET the certificate's secret as PKCS#12)
/// reached through the named HttpClient (requests for the vault's host name are sent to it), and the identity is a
/// fixed-token credential double; what runs for real is the Azure SDK's CertificateClient, the signer and the manifest.
/// </summary>
public sealed class KeyVaultSigningTests : IAsyncLifetime
{
    private const string Token = "stand-in-token";
    private readonly string folder = TestPaths.NewTempFolder("sonic-keyvault");
    private readonly List<string> authorizations = [];
    private X509Certificate2 tls = null!;
    private SigningCredential vaultCertificate = null!;
    private WebApplication vault = null!;
    private readonly Uri vaultUri = new("https://sonic-test.vault.azure.net/");
    private int port;
    private int refuseWith;

    public async Task InitializeAsync()
    {
        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", tlsKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        tls = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        vaultCertificate = DevelopmentCertificate.LoadOrCreate(Path.Combine(folder, "issued"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(tls)));
        vault = builder.Build();
        vault.MapGet("/certificates/{name}/{version?}", (string name, HttpContext context) => Answer(context, name, () => Results.Json(new
        {
            id = $"{vaultUri}certificates/{name}/v1",
            kid = $"{vaultUri}keys/{name}/v1",
            sid = $"{vaultUri}secrets/{name}/v1",
            cer = Convert.ToBase64String(vaultCertificate.Certificate.RawData),
            attributes = new { enabled = true },
        })));
        vault.MapGet("/secrets/{name}/{version}", (string name, HttpContext context) => Answer(context, name, () => Results.Json(new
        {
            id = $"{vaultUri}secrets/{name}/v1",
            value = Convert.ToBase64String(vaultCertificate.Certificate.Export(X509ContentType.Pkcs12)),
            contentType = "application/x-pkcs12",
            managed = true,
            attributes = new { enabled = true },
        })));
        await vault.StartAsync();
        port = new Uri(vault.Urls.First()).Port;
    }

    [Fact]
    public async Task VaultCertificate_SignsTheManifest_WithTheIdentitysTokenOnEveryCall()
    {
        var video = Video("vault.mp4");
        using var signer = Signer("c2pa-signer");

        await signer.SignAsync(video, "vault.mp4", new AnimatorInfo("builtin", "the built-in animator", "CPU", false), "job-kv", CancellationToken.None);

        var report = ProvenanceReader.Read(video).C2pa;
        Assert.True(report.Valid, string.Join(", ", report.Failures));
        Assert.Equal(vaultCertificate.Certificate.Subject, report.Signer);
        Assert.NotEmpty(authorizations);
        Assert.All(authorizations, a => Assert.Equal("Bearer " + Token, a));
    }

    [Fact]
    public async Task MissingCertificate_IsSigningUnavailable_AndARefusedIdentity_IsLeftToTheRetryPolicy()
    {
        var video = Video("refused.mp4");
        var animator = new AnimatorInfo("builtin", "b", "CPU", false);
        using (var missing = Signer("nope"))
        {
            var failure = await Assert.ThrowsAsync<SonicJobException>(() => missing.SignAsync(video, "refused.mp4", animator, "job-1", CancellationToken.None));
            Assert.Equal(ErrorCodes.SigningUnavailable, failure.Code);
            Assert.Contains("'nope'", failure.Message, StringComparison.Ordinal);
        }

        // 403 while the role assignment is still being applied: transient, so the activity's retries get to outlast it.
        refuseWith = 403;
        using var refused = Signer("c2pa-signer");
        var transient = await Assert.ThrowsAsync<RequestFailedException>(() => refused.SignAsync(video, "refused.mp4", animator, "job-2", CancellationToken.None));
        Assert.Equal(403, transient.Status);
    }

    public async Task DisposeAsync()
    {
        await vault.DisposeAsync();
        vaultCertificate.Dispose();
        tls.Dispose();
        TestPaths.TryDeleteFolder(folder);
    }

    private IResult Answer(HttpContext context, string name, Func<IResult> found)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            // Key Vault's challenge: the SDK asks the credential for a token for this resource, then repeats the call.
            context.Response.Headers.WWWAuthenticate = "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"";
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        lock (authorizations)
        {
            authorizations.Add(authorization);
        }

        if (refuseWith != 0)
        {
            return Results.Json(new { error = new { code = "Forbidden", message = "The identity lacks the role." } }, statusCode: refuseWith);
        }

        return name == "c2pa-signer" ? found() : Results.Json(new { error = new { code = "CertificateNotFound", message = "No such certificate." } }, statusCode: 404);
    }

    private string Video(string name)
    {
        var path = Path.Combine(folder, name);
        MediaTool.Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=1", "-c:v", "libx264", "-movflags", "+faststart", path]);
        return path;
    }

    private C2paSigner Signer(string certificateName)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(C2paSigner.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                // The stand-in's own TLS certificate, and only it.
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == tls.Thumbprint,
            })
            .AddHttpMessageHandler(() => new ToStandIn(port));
        var httpClients = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var options = new ProvenanceOptions { KeyVaultUri = vaultUri, SigningCertificateName = certificateName };
        return new C2paSigner(Options.Create(options), new FixedToken(), httpClients, NullLogger<C2paSigner>.Instance);
    }

    /// <summary>Sends what the SDK addresses to the vault's real host name to the stand-in on this machine.</summary>
    private sealed class ToStandIn(int port) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Host = "localhost", Port = port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>The managed identity's stand-in: always the same token.</summary>
    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
