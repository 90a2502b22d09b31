using System.Net;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sonic.Media.Errors;
using Sonic.Media.Speech;
using Sonic.Pipeline.Captions;
using Sonic.Pipeline.Speech;
using Sonic.Pipeline.Speech.Azure;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Speech;

/// <summary>
/// The Azure AI Speech provider against <see cref="AzureSpeechStandIn"/> (the real service is a paid Azure boundary);
/// its credential is a fixed-token stand-in for the managed identity, for the same reason.
/// </summary>
public sealed class AzureSpeechSynthesizerTests : IDisposable
{
    private const string Script = "Bienvenidos a nuestra tienda. Cada lámpara está hecha a mano.";
    private readonly AzureSpeechStandIn service = new();
    private readonly string folder = TestPaths.NewTempFolder("azure-speech");
    private readonly ServiceProvider services;

    public AzureSpeechSynthesizerTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sonic:Speech:Provider"] = "azure",
            ["Sonic:Speech:AzureEndpoint"] = service.Endpoint.ToString(),
            ["Sonic:Speech:PollInterval"] = "00:00:00.020",
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddKeyedSingleton<TokenCredential>(AzureSpeechSynthesizer.CredentialKey, new FixedToken());
        collection.AddSonicSpeech(configuration);
        services = collection.BuildServiceProvider();
    }

    [Fact]
    public async Task Synthesize_SignsEveryCall_PollsUntilDone_AndItsWordBoundariesTimeTheCaptions()
    {
        var synthesizer = services.GetRequiredService<ISpeechSynthesizer>();
        Assert.Equal("azure", synthesizer.Name);

        var speech = await synthesizer.SynthesizeAsync(new SpeechRequest(Script, "es"), Path.Combine(folder, "speech.wav"), CancellationToken.None);

        Assert.Equal("es-ES-ElviraNeural", speech.Voice);
        Assert.InRange(speech.DurationSeconds, 2, 8);
        Assert.True(File.Exists(speech.WavPath));
        var calls = service.Requests.Where(r => r.Path.StartsWith("/texttospeech/", StringComparison.Ordinal)).ToList();
        Assert.All(calls, c => Assert.Equal("Bearer " + AzureSpeechStandIn.Token, c.Authorization));
        Assert.Equal(1, service.Count("PUT", "/batchsyntheses/"));
        Assert.True(service.Count("GET", "/batchsyntheses/") >= 3, "polled until it succeeded");
        Assert.Equal(0, service.Count("DELETE", "/batchsyntheses/")); // left to expire, so a retry can always find it
        // The result is fetched by its own (SAS) URL: the token never goes to storage.
        Assert.Null(Assert.Single(service.Requests, r => r.Path.StartsWith("/results/", StringComparison.Ordinal)).Authorization);

        // Every word, in order, with the script's punctuation put back; captions break at the sentence and start at word times.
        Assert.Equal(Script.Split(' '), speech.Words.Select(w => w.Text));
        Assert.All(speech.Words.Zip(speech.Words.Skip(1)), p => Assert.True(p.Second.Start >= p.First.Start));
        var cues = CaptionBuilder.Build(speech.Words);
        Assert.Equal(["Bienvenidos a nuestra tienda."], cues[0].Lines);
        Assert.Equal(Math.Round(speech.Words[4].Start, 3), cues[1].Start);
    }

    [Fact]
    public async Task Synthesize_AfterATransientFailure_TheRetryResumesTheSameSynthesis()
    {
        var synthesizer = services.GetRequiredService<ISpeechSynthesizer>();
        service.FailNextPollWith = HttpStatusCode.ServiceUnavailable;
        var request = new SpeechRequest(Script, "es", Key: "job-1");
        var outage = await Record.ExceptionAsync(() => synthesizer.SynthesizeAsync(request, Path.Combine(folder, "a.wav"), CancellationToken.None));

        // 503 is transient: what the activity's retry policy retries; the retry finds the synthesis by its id.
        Assert.IsType<HttpRequestException>(outage);
        var speech = await synthesizer.SynthesizeAsync(request, Path.Combine(folder, "b.wav"), CancellationToken.None);
        Assert.Equal(1, service.Count("PUT", "/batchsyntheses/"));
        Assert.NotEmpty(speech.Words);

        // Another job saying the same words gets a synthesis of its own.
        await synthesizer.SynthesizeAsync(request with { Key = "job-2" }, Path.Combine(folder, "c.wav"), CancellationToken.None);
        Assert.Equal(2, service.Count("PUT", "/batchsyntheses/"));
    }

    [Fact]
    public async Task Synthesize_Refusals_AreCodes()
    {
        var synthesizer = services.GetRequiredService<ISpeechSynthesizer>();

        var unknown = await Assert.ThrowsAsync<SonicJobException>(() => synthesizer.SynthesizeAsync(new SpeechRequest(Script, "xx"), Path.Combine(folder, "x.wav"), CancellationToken.None));
        Assert.Equal(ErrorCodes.VoiceUnknown, unknown.Code);
        Assert.Empty(service.Requests); // refused before any call

        service.FailSynthesisWith = "The SSML is not well formed. Line 1, position 20.";
        var failed = await Assert.ThrowsAsync<SonicJobException>(() => synthesizer.SynthesizeAsync(new SpeechRequest("Hello.", "en"), Path.Combine(folder, "y.wav"), CancellationToken.None));
        Assert.Equal(ErrorCodes.ScriptRejected, failed.Code);
        Assert.Equal("Azure AI Speech could not speak the script: The SSML is not well formed; Line 1, position 20.", failed.Message);

        service.FailNextWith = HttpStatusCode.Forbidden;
        var refused = await Assert.ThrowsAsync<SonicJobException>(() => synthesizer.SynthesizeAsync(new SpeechRequest("Hello again.", "en"), Path.Combine(folder, "z.wav"), CancellationToken.None));
        Assert.Equal(ErrorCodes.TtsUnavailable, refused.Code);
        Assert.Contains("Cognitive Services Speech User", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ssml_EscapesTheText_AndCarriesVoiceLocaleAndRate()
    {
        var ssml = AzureSpeechSynthesizer.Ssml("Fish & chips <today>", "en-GB-SoniaNeural", 1.25);

        Assert.Equal(
            "<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"en-GB\"><voice name=\"en-GB-SoniaNeural\"><prosody rate=\"+25%\">Fish &amp; chips &lt;today&gt;</prosody></voice></speak>",
            ssml);
        Assert.Equal(AzureSpeechSynthesizer.SynthesisId("job", ssml), AzureSpeechSynthesizer.SynthesisId("job", ssml));
        Assert.NotEqual(AzureSpeechSynthesizer.SynthesisId("job", ssml), AzureSpeechSynthesizer.SynthesisId("other job", ssml));
        Assert.Matches("^[a-z0-9-]{3,64}$", AzureSpeechSynthesizer.SynthesisId("job", ssml));
    }

    [Fact]
    public void WordBoundaries_ASpokenExpansion_KeepsItsOwnText_AndTheWordsAfterItKeepTheirPunctuation()
    {
        BatchSynthesis.WordBoundary B(string text, double at) => new(text, at, 200);
        var words = WordBoundaries.Align(
            "Lamps, e.g. this one, ship today. Fine.",
            [B("Lamps", 0), B("for", 300), B("example", 500), B("this", 800), B("one", 1000), B("ship", 1200), B("today", 1400), B("Fine", 1900)]);

        Assert.Equal(["Lamps,", "for", "example", "this", "one,", "ship", "today.", "Fine."], words.Select(w => w.Text));
        Assert.Equal(1.9, words[^1].Start, 3);
    }

    [Fact]
    public void Options_AzureWithoutAnEndpoint_FailsAtStartWithOneSentence()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sonic:Speech:Provider"] = "azure" }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSonicSpeech(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SpeechOptions>>().Value);
        Assert.Contains("Sonic:Speech:AzureEndpoint must be", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        services.Dispose();
        service.Dispose();
        TestPaths.TryDeleteFolder(folder);
    }

    /// <summary>Stands in for the managed identity (an Azure boundary): a fixed bearer token.</summary>
    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Assert.Equal([AzureSpeechSynthesizer.Scope], requestContext.Scopes);
            return new AccessToken(AzureSpeechStandIn.Token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
