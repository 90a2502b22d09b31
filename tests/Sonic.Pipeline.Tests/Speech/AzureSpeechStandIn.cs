using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sonic.Media.Speech;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Speech;

/// <summary>
/// A local stand-in for Azure AI Speech's batch synthesis REST API, because the real service is a paid Azure boundary
/// this machine cannot reach. It speaks the documented protocol (api-version 2024-04-01): <c>PUT/GET
/// texttospeech/batchsyntheses/{id}</c> behind a bearer token, the job going NotStarted → Running → Succeeded over
/// polls, and a result ZIP (a SAS-style URL, no token) with <c>0001.wav</c> and <c>0001.word.json</c>
/// (<c>[{"Text", "AudioOffset", "Duration"}]</c> in milliseconds, words without their punctuation). The speech itself
/// is espeak-ng's, in the voice's language, so the timings are real.
/// </summary>
internal sealed partial class AzureSpeechStandIn : IDisposable
{
    public const string Token = "stand-in-token";

    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, Job> jobs = new(StringComparer.Ordinal);
    private readonly string folder = TestPaths.NewTempFolder("azure-speech-standin");
    private readonly Task loop;

    public AzureSpeechStandIn()
    {
        var port = FreePort.Next();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>Every request: method, path, and the Authorization header it carried.</summary>
    public ConcurrentQueue<(string Method, string Path, string? Authorization)> Requests { get; } = new();

    /// <summary>Answer the next API call (not the result download) with this status instead.</summary>
    public HttpStatusCode? FailNextWith { get; set; }

    /// <summary>Answer the next poll of an existing synthesis with this status instead.</summary>
    public HttpStatusCode? FailNextPollWith { get; set; }

    /// <summary>End the next synthesis as Failed with this error message.</summary>
    public string? FailSynthesisWith { get; set; }

    public int Count(string method, string pathPart) => Requests.Count(r => r.Method == method && r.Path.Contains(pathPart, StringComparison.Ordinal));

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        TestPaths.TryDeleteFolder(folder);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await HandleAsync(context);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                await ReplyAsync(context.Response, HttpStatusCode.InternalServerError, new JsonObject { ["error"] = new JsonObject { ["message"] = e.Message } });
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue((request.HttpMethod, path, request.Headers["Authorization"]));
        if (ResultPath().Match(path) is { Success: true } download)
        {
            await ReplyBytesAsync(context.Response, await File.ReadAllBytesAsync(Path.Combine(folder, download.Groups[1].Value + ".zip")));
            return;
        }

        var match = JobPath().Match(path);
        if (!match.Success || request.QueryString["api-version"] != "2024-04-01")
        {
            await ReplyAsync(context.Response, HttpStatusCode.NotFound, Error("NotFound", "No such resource or api-version."));
            return;
        }

        if (request.Headers["Authorization"] != "Bearer " + Token)
        {
            await ReplyAsync(context.Response, HttpStatusCode.Unauthorized, Error("Unauthorized", "Missing or wrong bearer token."));
            return;
        }

        if (FailNextWith is { } failure)
        {
            FailNextWith = null;
            await ReplyAsync(context.Response, failure, Error("Busy", "The stand-in was told to fail this call."));
            return;
        }

        var id = match.Groups[1].Value;
        switch (request.HttpMethod)
        {
            case "PUT":
                if (jobs.ContainsKey(id))
                {
                    await ReplyAsync(context.Response, HttpStatusCode.BadRequest, Error("InvalidRequest", $"A synthesis with id {id} exists."));
                    return;
                }

                using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
                {
                    var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
                    var ssml = body["inputs"]![0]!["content"]!.GetValue<string>();
                    if (body["inputKind"]!.GetValue<string>() != "SSML" || body["properties"]?["wordBoundaryEnabled"]?.GetValue<bool>() != true)
                    {
                        await ReplyAsync(context.Response, HttpStatusCode.BadRequest, Error("InvalidRequest", "Expected SSML input with word boundaries."));
                        return;
                    }

                    jobs[id] = new Job(ssml, FailSynthesisWith);
                    FailSynthesisWith = null;
                }

                await ReplyAsync(context.Response, HttpStatusCode.Created, Describe(id, jobs[id]));
                return;
            case "GET" when jobs.TryGetValue(id, out var job):
                if (FailNextPollWith is { } pollFailure)
                {
                    FailNextPollWith = null;
                    await ReplyAsync(context.Response, pollFailure, Error("Busy", "The stand-in was told to fail this poll."));
                    return;
                }

                job.Polls++;
                if (job.Polls >= 2 && job.Status == "Running")
                {
                    await FinishAsync(id, job);
                }
                else if (job.Polls >= 1 && job.Status == "NotStarted")
                {
                    job.Status = "Running";
                }

                await ReplyAsync(context.Response, HttpStatusCode.OK, Describe(id, job));
                return;
            default:
                await ReplyAsync(context.Response, HttpStatusCode.NotFound, Error("NotFound", $"There is no synthesis {id}."));
                return;
        }
    }

    /// <summary>Speaks the SSML's text with espeak-ng in the voice's language and packs the result as the service does.</summary>
    private async Task FinishAsync(string id, Job job)
    {
        if (job.Failure is { } failure)
        {
            (job.Status, job.Error) = ("Failed", failure);
            return;
        }

        var voice = Regex.Match(job.Ssml, "<voice name=\"([^\"]+)\"").Groups[1].Value;
        var text = SpeechText.Plain(job.Ssml);
        var wav = Path.Combine(folder, id + ".wav");
        var speech = await new EspeakSpeechSynthesizer().SynthesizeAsync(new SpeechRequest(text, voice.Split('-')[0]), wav, CancellationToken.None);
        var boundaries = speech.Words.Select(w => new JsonObject
        {
            ["Text"] = w.Text.Trim(',', '.', '!', '?', '。', '，', ';', ':'),
            ["AudioOffset"] = Math.Round(w.Start * 1000),
            ["Duration"] = Math.Round((w.End - w.Start) * 1000),
        });
        using (var zip = ZipFile.Open(Path.Combine(folder, id + ".zip"), ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(wav, "0001.wav");
            await using var words = new StreamWriter(zip.CreateEntry("0001.word.json").Open());
            await words.WriteAsync(new JsonArray([.. boundaries]).ToJsonString());
        }

        job.Status = "Succeeded";
    }

    private JsonObject Describe(string id, Job job) => new()
    {
        ["id"] = id,
        ["status"] = job.Status,
        ["outputs"] = job.Status == "Succeeded" ? new JsonObject { ["result"] = new Uri(Endpoint, $"results/{id}.zip?sv=stand-in&sig=x").ToString() } : null,
        ["properties"] = job.Error is null ? new JsonObject() : new JsonObject { ["error"] = new JsonObject { ["code"] = "InvalidRequest", ["message"] = job.Error } },
    };

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static async Task ReplyAsync(HttpListenerResponse response, HttpStatusCode status, JsonNode body)
    {
        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private static async Task ReplyBytesAsync(HttpListenerResponse response, byte[] bytes)
    {
        response.ContentType = "application/zip";
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    [GeneratedRegex("^/texttospeech/batchsyntheses/([A-Za-z0-9._-]{3,64})$")]
    private static partial Regex JobPath();

    [GeneratedRegex("^/results/([A-Za-z0-9._-]+)\\.zip$")]
    private static partial Regex ResultPath();

    private sealed class Job(string ssml, string? failure)
    {
        public string Ssml { get; } = ssml;

        public string? Failure { get; } = failure;

        public string Status { get; set; } = "NotStarted";

        public string? Error { get; set; }

        public int Polls { get; set; }
    }
}
