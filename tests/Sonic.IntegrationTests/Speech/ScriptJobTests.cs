using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Media.Speech;
using Sonic.Orchestration.Client;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Provenance;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Speech;

/// <summary>
/// Scripts through the durable pipeline on the real worker and Azurite: espeak-ng speaks them in the speech stage,
/// the video is rendered from that speech, and the captions are published beside it at the spoken words' times.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class ScriptJobTests(WorkerFixture fixture)
{
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task DroppedBatch_OnePortraitThreeLanguages_GivesOneCaptionedVideoPerLanguage()
    {
        var stem = Drops.NewStem("shop");
        var uploads = fixture.Blobs.GetBlobContainerClient("uploads");
        await uploads.CreateIfNotExistsAsync();
        var scripts = new Dictionary<string, string>
        {
            ["en"] = "Welcome to our store. Every lamp here is made by hand.",
            ["es"] = "Bienvenidos a nuestra tienda. Cada lámpara está hecha a mano.",
            ["zh"] = "欢迎光临我们的商店。每一盏灯都是手工制作的。",
        };
        var manifest = new
        {
            parameters = new { min_resolution = 256, output_resolution = 360 },
            items = scripts.Select(s => new { script = s.Value, language = s.Key }).ToArray(),
        };
        await uploads.GetBlobClient($"{stem}/{stem}.jpg").UploadAsync(SampleMedia.Portrait, overwrite: true);
        await uploads.GetBlobClient($"{stem}/{stem}.batch.json").UploadAsync(BinaryData.FromObjectAsJson(manifest), overwrite: true);

        var dispatch = await fixture.Dispatcher.DispatchAsync($"{stem}/{stem}.batch.json", CancellationToken.None);
        Assert.NotNull(dispatch.JobId);

        var text = await Eventually.ReturnsAsync(
            async () =>
            {
                var blob = fixture.Blobs.GetBlobContainerClient("results").GetBlobClient($"{stem}/{stem}.batch.json");
                return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToString() : null;
            },
            BatchTimeout, "results/{stem}.batch.json", () => fixture.Worker.OutputTail);
        using var result = JsonDocument.Parse(text);
        Assert.Equal(3, result.RootElement.GetProperty("counts").GetProperty("completed").GetInt32());
        var items = result.RootElement.GetProperty("items").EnumerateArray().ToList();
        var languages = scripts.Keys.ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i].GetProperty("result");
            Assert.Equal($"{stem}.{languages[i]}.mp4", item.GetProperty("file_name").GetString());
            Assert.Equal("espeak-ng", item.GetProperty("speech").GetProperty("provider").GetString());
            await AssertCaptionedAsync(items[i].GetProperty("id").GetString()!, item, scripts[languages[i]]);
        }
    }

    [Fact]
    public async Task HttpJson_WithAScriptAndNoAudio_SpeaksIt_AndReportsTheVoiceAndCaptions()
    {
        var portrait = $"http-script-{Guid.NewGuid():N}.jpg";
        var uploads = fixture.Blobs.GetBlobContainerClient("uploads");
        await uploads.CreateIfNotExistsAsync();
        await uploads.GetBlobClient(portrait).UploadAsync(SampleMedia.Portrait, overwrite: true);
        const string Script = "Willkommen in unserem Laden. Jede Lampe wird von Hand gefertigt.";
        using var http = fixture.Http;

        using var accepted = await http.PostAsJsonAsync(new Uri(fixture.ApiBase, "api/videos"), new
        {
            image = portrait,
            parameters = new { script = Script, voice = "de", min_resolution = 256, output_resolution = 360 },
        });
        var (id, resultElement) = await CompletedAsync(http, accepted);
        Assert.Equal("de", resultElement.GetProperty("speech").GetProperty("voice").GetString());
        Assert.Contains(resultElement.GetProperty("timings").EnumerateArray(), t => t.GetProperty("stage").GetString() == "speech");
        await AssertCaptionedAsync(id, resultElement, Script);

        // The published file carries its implicit AIGC label, naming this job.
        var local = Path.Combine(TestPaths.NewTempFolder("sonic-it-aigc"), "video.mp4");
        await File.WriteAllBytesAsync(local, await http.GetByteArrayAsync(new Uri(resultElement.GetProperty("video_url").GetString()!)));
        var provenance = ProvenanceReader.Read(local);
        Assert.Equal(id, provenance.Aigc?.ProduceId);
        Assert.Equal("1", provenance.Aigc?.Label);
        // And its C2PA manifest, signed on the worker after the last re-mux, still binds the published bytes.
        Assert.True(provenance.C2pa.Valid, string.Join(", ", provenance.C2pa.Failures));
        Assert.Equal("Valid", (await Sonic.Testing.C2pa.C2paValidator.ValidateAsync(local)).GetProperty("validation_state").GetString());
    }

    [Fact]
    public async Task DroppedScriptFile_IsSpoken_AndARecordingBesideAScript_IsInputConflict()
    {
        var stem = Drops.NewStem("txt");
        var uploads = fixture.Blobs.GetBlobContainerClient("uploads");
        await uploads.CreateIfNotExistsAsync();
        const string Script = "Bienvenue dans notre boutique. Chaque lampe est faite à la main.";
        await uploads.GetBlobClient(stem + ".json").UploadAsync(BinaryData.FromString("""{"voice":"fr","min_resolution":256,"output_resolution":360}"""), overwrite: true);
        await uploads.GetBlobClient(stem + ".jpg").UploadAsync(SampleMedia.Portrait, overwrite: true);
        await uploads.GetBlobClient(stem + ".txt").UploadAsync(new BinaryData(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Script)).ToArray()), overwrite: true);

        var job = await fixture.WaitForEndAsync(stem);
        Assert.True(job.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{job.RuntimeStatus}: {OrchestrationFailures.MessageOf(job)}\n{fixture.Worker.OutputTail}");
        using (var result = JsonDocument.Parse(await Eventually.ReturnsAsync(() => fixture.ResultJsonAsync(stem), TimeSpan.FromSeconds(30), "results/{stem}.json")))
        {
            Assert.Equal("completed", result.RootElement.GetProperty("status").GetString());
            await AssertCaptionedAsync(job.InstanceId, result.RootElement, Script);
        }

        var both = Drops.NewStem("both");
        await fixture.DropAsync(both, SampleMedia.Portrait, TestMedia.ShortSpeech);
        await uploads.GetBlobClient(both + ".txt").UploadAsync(BinaryData.FromString(Script), overwrite: true);
        var conflict = await Eventually.ReturnsAsync(
            async () => await fixture.ResultJsonAsync(both) is { } json && json.Contains("input_conflict", StringComparison.Ordinal) ? json : null,
            Drops.JobTimeout, "results/{both}.json with input_conflict", () => fixture.Worker.OutputTail);
        using var conflictJson = JsonDocument.Parse(conflict);
        Assert.Equal("failed", conflictJson.RootElement.GetProperty("status").GetString());
        Assert.True(await uploads.GetBlobClient(both + ".wav").ExistsAsync());
        Assert.True(await uploads.GetBlobClient(both + ".txt").ExistsAsync());
    }

    [Fact]
    public async Task HttpMultipart_RecordingWithATranscript_GetsCaptionsTimedToItsSpeech()
    {
        // samples/speech.wav says exactly this (samples/README.md: espeak-ng -v en-us -s 150).
        const string Transcript = "Hello! I am a talking portrait made by Sonic Functions. Drop in one picture and one recording, and I will speak your words, with my lips in time.";
        using var http = fixture.Http;
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(SampleMedia.Portrait)), "image", "host.jpg" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(TestPaths.OwnSample("speech.wav"))), "audio", "speech.wav" },
            { new StringContent(Transcript, Encoding.UTF8), "transcript" },
            { new StringContent("""{"min_resolution":256,"output_resolution":360}""", Encoding.UTF8), "parameters" },
        };

        using var accepted = await http.PostAsync(new Uri(fixture.ApiBase, "api/videos"), form);
        var (id, result) = await CompletedAsync(http, accepted);
        Assert.False(result.TryGetProperty("speech", out var speech) && speech.ValueKind != JsonValueKind.Null, "a recording has no voice");

        // The published captions say the transcript, one sentence each, starting near where espeak-ng said each one.
        var trim = JsonSerializer.Deserialize<PreprocessResult>(
            (await fixture.Blobs.GetBlobContainerClient("work").GetBlobClient($"{id}/preprocess.json").DownloadContentAsync()).Value.Content.ToArray(), StageJson.Options)!.TrimStartSeconds;
        var spoken = await new EspeakSpeechSynthesizer().SynthesizeAsync(
            new SpeechRequest(Transcript, "en-US", SpeakingRate: 150 / 175.0), Path.Combine(TestPaths.NewTempFolder("sonic-it-transcript"), "truth.wav"), CancellationToken.None);
        var cues = CaptionCues.Parse(await http.GetStringAsync(new Uri(result.GetProperty("captions").GetProperty("vtt_url").GetString()!)), '.');
        Assert.Equal(Squeeze(Transcript), Squeeze(string.Concat(cues.Select(c => c.Text))));
        Assert.True(cues.Count >= 3);
        Assert.All(cues, cue => Assert.Contains(spoken.Words, w => Math.Abs(w.Start - trim - cue.Start) <= 0.3 && cue.Text.StartsWith(w.Text, StringComparison.Ordinal)));
    }

    /// <summary>The accepted job's id and its result, once it has completed (failing the test otherwise).</summary>
    private async Task<(string Id, JsonElement Result)> CompletedAsync(HttpClient http, HttpResponseMessage accepted)
    {
        var acceptedText = await accepted.Content.ReadAsStringAsync();
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, acceptedText);
        var id = JsonDocument.Parse(acceptedText).RootElement.GetProperty("id").GetString()!;
        var final = await Eventually.ReturnsAsync(
            async () =>
            {
                var status = await http.GetStringAsync(new Uri(fixture.ApiBase, $"api/videos/{id}"));
                return JsonDocument.Parse(status).RootElement.GetProperty("status").GetString() is "completed" or "failed" ? status : null;
            },
            Drops.JobTimeout, $"job {id} to end", () => fixture.Worker.OutputTail);
        using var job = JsonDocument.Parse(final);
        Assert.True(job.RootElement.GetProperty("status").GetString() == "completed", final);
        return (id, job.RootElement.GetProperty("result").Clone());
    }

    /// <summary>
    /// The job's published captions: WebVTT and SRT agree, say the whole script, and each cue starts within 0.15 s
    /// of a spoken word (speech.json's timings, less the silence preprocessing trimmed); the preview page plays them.
    /// </summary>
    private async Task AssertCaptionedAsync(string jobId, JsonElement result, string script)
    {
        var work = fixture.Blobs.GetBlobContainerClient("work");
        var track = JsonSerializer.Deserialize<SpeechTrack>((await work.GetBlobClient($"{jobId}/speech.json").DownloadContentAsync()).Value.Content.ToArray(), StageJson.Options)!;
        var trim = JsonSerializer.Deserialize<PreprocessResult>((await work.GetBlobClient($"{jobId}/preprocess.json").DownloadContentAsync()).Value.Content.ToArray(), StageJson.Options)!.TrimStartSeconds;

        using var http = fixture.Http;
        var captions = result.GetProperty("captions");
        var vtt = await http.GetStringAsync(new Uri(captions.GetProperty("vtt_url").GetString()!));
        var srt = await http.GetStringAsync(new Uri(captions.GetProperty("srt_url").GetString()!));
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);
        var cues = CaptionCues.Parse(vtt, '.');
        Assert.Equal(cues.Select(c => (c.Start, c.End, c.Text)), CaptionCues.Parse(srt, ',').Select(c => (c.Start, c.End, c.Text)));
        Assert.True(cues.Count >= 2, vtt);
        Assert.All(cues, cue => Assert.Contains(track.Words, w => Math.Abs(w.Start - trim - cue.Start) <= 0.15));
        Assert.Equal(Squeeze(script), Squeeze(string.Concat(cues.Select(c => c.Text))));
        var duration = result.GetProperty("duration").GetDouble();
        Assert.InRange(cues[^1].End, duration - 0.5, duration + 0.001);

        var page = await http.GetStringAsync(new Uri(result.GetProperty("preview_url").GetString()!));
        Assert.Contains($"<track kind=\"captions\" label=\"Captions\" src=\"{Uri.EscapeDataString(Path.GetFileName(new Uri(captions.GetProperty("vtt_url").GetString()!).LocalPath))}\" default>", page, StringComparison.Ordinal);
    }

    private static string Squeeze(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
