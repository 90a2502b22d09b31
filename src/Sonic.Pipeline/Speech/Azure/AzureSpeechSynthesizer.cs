using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Media.Audio;
using Sonic.Media.Errors;
using Sonic.Media.Speech;

namespace Sonic.Pipeline.Speech.Azure;

/// <summary>
/// Azure AI Speech neural voices through the batch synthesis REST API, signed in with the managed identity (a bearer
/// token for <see cref="Scope"/>; no keys): create the synthesis, poll it, download its result ZIP (the WAV and the
/// word boundaries). The synthesis id hashes the request's <see cref="SpeechRequest.Key"/> (the job) and what is
/// spoken, so a retried activity finds the synthesis it started instead of paying for a second one, while two jobs
/// never share one; syntheses are left to expire (<see cref="TimeToLiveHours"/>) so a retry can always find its own.
/// Transient trouble (429, 5xx, timeouts, a result that cannot be fetched) throws what the activity retry policy
/// retries; refusals are <see cref="SonicJobException"/> with their code.
/// </summary>
public sealed partial class AzureSpeechSynthesizer(
    IHttpClientFactory clients,
    [FromKeyedServices(AzureSpeechSynthesizer.CredentialKey)] TokenCredential credential,
    IOptions<SpeechOptions> options,
    ILogger<AzureSpeechSynthesizer> logger) : ISpeechSynthesizer
{
    public const string Scope = "https://cognitiveservices.azure.com/.default";

    /// <summary>The keyed service name of the credential (a host or test may register its own first).</summary>
    public const string CredentialKey = "sonic-speech";

    /// <summary>The IHttpClientFactory client's name.</summary>
    public const string HttpClientName = "sonic-speech";

    /// <summary>How long the service keeps a synthesis and its result: longer than any job's retries.</summary>
    public const int TimeToLiveHours = 24;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => SpeechOptions.Azure;

    public async Task<SynthesizedSpeech> SynthesizeAsync(SpeechRequest request, string wavPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // SSML names its own <voice>; plain text gets the voice asked for.
        var voice = request.IsSsml
            ? SsmlVoice().Match(request.Script) is { Success: true } named ? named.Groups[1].Value : "ssml"
            : AzureVoices.VoiceFor(request.Voice, request.Language)
                ?? throw new SonicJobException(ErrorCodes.VoiceUnknown,
                    $"There is no Azure voice '{Printable(request.Voice ?? request.Language)}'; use a language tag such as en-US, zh, es, fr, de or ja, or a voice name such as en-US-AvaMultilingualNeural.");
        var ssml = request.IsSsml ? request.Script : Ssml(request.Script, voice, request.SpeakingRate);
        var settings = options.Value;
        var http = clients.CreateClient(HttpClientName);
        var id = SynthesisId(request.Key ?? Guid.NewGuid().ToString("N"), ssml);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            var job = await GetAsync(http, id, timeout.Token).ConfigureAwait(false) ?? await CreateAsync(http, id, ssml, timeout.Token).ConfigureAwait(false);
            var polls = 0;
            while (job.Status is not (BatchSynthesis.Succeeded or BatchSynthesis.Failed))
            {
                await Task.Delay(settings.PollInterval, timeout.Token).ConfigureAwait(false);
                // Gone (expired while a retry waited): ask again.
                job = await GetAsync(http, id, timeout.Token).ConfigureAwait(false) ?? await CreateAsync(http, id, ssml, timeout.Token).ConfigureAwait(false);
                polls++;
            }

            Log.Finished(logger, id, job.Status, polls);
            if (job.Status == BatchSynthesis.Failed)
            {
                var message = job.Properties?.Error?.Message ?? "no reason given";
                throw new SonicJobException(
                    message.Contains("voice", StringComparison.OrdinalIgnoreCase) ? ErrorCodes.VoiceUnknown : ErrorCodes.ScriptRejected,
                    $"Azure AI Speech could not speak the script: {Sentence(message)}");
            }

            var result = job.Outputs?.Result ?? throw new InvalidOperationException($"Batch synthesis {id} succeeded without a result URL.");
            var boundaries = await DownloadResultAsync(http, new Uri(result), wavPath, timeout.Token).ConfigureAwait(false);
            var audio = new AudioDecoder().Decode(wavPath, cancellationToken);
            var words = WordBoundaries.Align(request.IsSsml ? SpeechText.Plain(request.Script) : request.Script, boundaries);
            return new SynthesizedSpeech(wavPath, audio.DurationSeconds, words, voice);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The whole synthesis took too long: transient as far as the job knows; the retry finds it by its id.
            throw new TimeoutException($"Batch synthesis {id} did not finish within {settings.Timeout}.", e);
        }
    }

    /// <summary>Plain text as SSML: the voice, its locale, the speaking rate as a relative prosody rate, the text escaped.</summary>
    public static string Ssml(string text, string voice, double speakingRate)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rate = ((speakingRate - 1) * 100).ToString("+0;-0;+0", CultureInfo.InvariantCulture) + "%";
        return $"<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"{AzureVoices.LocaleOf(voice)}\">"
            + $"<voice name=\"{SecurityElement.Escape(voice)}\"><prosody rate=\"{rate}\">{SecurityElement.Escape(text)}</prosody></voice></speak>";
    }

    /// <summary>One key (job) and speech always get the same id (3–64 letters, digits, '-').</summary>
    public static string SynthesisId(string key, string ssml) =>
        "sonic-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key + "\n" + BatchSynthesis.OutputFormat + "\n" + ssml)))[..48];

    private async Task<BatchSynthesis.Job?> GetAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        using var request = await SignedAsync(HttpMethod.Get, id, cancellationToken).ConfigureAwait(false);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<BatchSynthesis.Job>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Batch synthesis {id} answered without a body.");
    }

    private async Task<BatchSynthesis.Job> CreateAsync(HttpClient http, string id, string ssml, CancellationToken cancellationToken)
    {
        var body = new BatchSynthesis.CreateRequest(
            "SSML", [new BatchSynthesis.Input(ssml)], new BatchSynthesis.CreateProperties(BatchSynthesis.OutputFormat, true, true, TimeToLiveHours));
        using var request = await SignedAsync(HttpMethod.Put, id, cancellationToken).ConfigureAwait(false);
        request.Content = JsonContent.Create(body, options: Json);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict
            && await GetAsync(http, id, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            // Another attempt of the same job created it meanwhile: follow that one.
            return existing;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        Log.Created(logger, id);
        return await response.Content.ReadFromJsonAsync<BatchSynthesis.Job>(Json, cancellationToken).ConfigureAwait(false)
            ?? new BatchSynthesis.Job(id, null, null, null);
    }

    /// <summary>The result ZIP (a SAS URL: no token goes with it): its WAV to <paramref name="wavPath"/>, its word boundaries back.</summary>
    private static async Task<IReadOnlyList<BatchSynthesis.WordBoundary>> DownloadResultAsync(HttpClient http, Uri result, string wavPath, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(result, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // An expired link or a storage hiccup: the retry polls the synthesis again and gets a fresh link.
            throw new HttpRequestException($"The batch synthesis result could not be fetched ({(int)response.StatusCode}).", null, response.StatusCode);
        }

        var zipPath = wavPath + ".zip";
        try
        {
            var file = File.Create(zipPath);
            await using (file.ConfigureAwait(false))
            {
                await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            using var zip = ZipFile.OpenRead(zipPath);
            var wav = zip.Entries.Where(e => e.Name.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault()
                ?? throw new InvalidOperationException("The batch synthesis result holds no WAV file.");
            wav.ExtractToFile(wavPath, overwrite: true);
            var words = zip.Entries.FirstOrDefault(e => e.Name.EndsWith(".word.json", StringComparison.OrdinalIgnoreCase));
            if (words is null)
            {
                // Not every voice reports word boundaries: then there is speech but nothing to time captions by.
                return [];
            }

            var stream = words.Open();
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync<List<BatchSynthesis.WordBoundary>>(stream, Json, cancellationToken).ConfigureAwait(false) ?? [];
            }
        }
        finally
        {
            File.Delete(zipPath);
        }
    }

    private async Task<HttpRequestMessage> SignedAsync(HttpMethod method, string id, CancellationToken cancellationToken)
    {
        AccessToken token;
        try
        {
            token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationFailedException e)
        {
            // CredentialUnavailableException derives from it: no identity here, or it may not sign in.
            throw new SonicJobException(ErrorCodes.TtsUnavailable, "This app could not sign in to Azure AI Speech with its managed identity; check the identity and Sonic:Speech:ManagedIdentityClientId.", e);
        }

        var endpoint = options.Value.AzureEndpoint!.TrimEnd('/');
        var request = new HttpRequestMessage(method, new Uri($"{endpoint}/texttospeech/batchsyntheses/{id}?api-version={BatchSynthesis.ApiVersion}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return request;
    }

    /// <summary>429 and 5xx throw <see cref="HttpRequestException"/> (retried); 401/403 and other 4xx are refusals with a code.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        if (status == 429 || status >= 500)
        {
            throw new HttpRequestException($"Azure AI Speech answered {status}.", null, response.StatusCode);
        }

        var detail = await ErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
        if (status is 401 or 403)
        {
            throw new SonicJobException(ErrorCodes.TtsUnavailable,
                $"Azure AI Speech refused this app's identity (HTTP {status}); give it the Cognitive Services Speech User role on the Speech resource.");
        }

        throw new SonicJobException(ErrorCodes.ScriptRejected, $"Azure AI Speech refused the script (HTTP {status}): {Sentence(detail)}");
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message)
                ? message.GetString() ?? "no reason given"
                : "no reason given";
        }
        catch (JsonException)
        {
            return "no reason given";
        }
    }

    /// <summary>The service's words as the end of one sentence: one line, at most 200 characters, its own sentence breaks as semicolons, a full stop.</summary>
    private static string Sentence(string text)
    {
        var line = new string(text.Where(c => !char.IsControl(c)).Take(200).ToArray()).Trim().TrimEnd('.').Replace(". ", "; ", StringComparison.Ordinal);
        return line.Length == 0 ? "no reason given." : line + ".";
    }

    [System.Text.RegularExpressions.GeneratedRegex("<voice[^>]*\\sname\\s*=\\s*[\"']([^\"']+)[\"']")]
    private static partial System.Text.RegularExpressions.Regex SsmlVoice();

    private static string Printable(string? text) => new((text ?? string.Empty).Where(c => !char.IsControl(c)).Take(64).ToArray());

    private static partial class Log
    {
        [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "Batch synthesis {Id} created")]
        public static partial void Created(ILogger logger, string id);

        [LoggerMessage(EventId = 331, Level = LogLevel.Information, Message = "Batch synthesis {Id} ended {Status} after {Polls} polls")]
        public static partial void Finished(ILogger logger, string id, string? status, int polls);

    }
}
