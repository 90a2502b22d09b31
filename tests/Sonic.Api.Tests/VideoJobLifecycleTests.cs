using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Sonic.Api.Tests.Hosting;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Storage;

namespace Sonic.Api.Tests;

[Collection(OpenVideoApiHost.Collection)]
public sealed class VideoJobLifecycleTests(OpenVideoApiHost host)
{
    [Fact]
    public async Task Post_MultipartPair_Returns202WithLocation_AndPollingEndsCompletedWithUrls()
    {
        using var client = host.CreateClient();
        var uploadsBefore = await host.Store.ListAsync(ContainerNames.Uploads, null, CancellationToken.None).CountAsync();
        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), Uploads.Pair("{\"min_resolution\": 512}", ("output_resolution", "360")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await ProblemAssert.ReadJsonAsync(response);
        var id = accepted.GetProperty("id").GetString()!;
        Assert.StartsWith("api-", id, StringComparison.Ordinal);
        Assert.Equal($"/api/videos/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"/api/videos/{id}", accepted.GetProperty("status_url").GetString());

        var status = await VideoApiTestHost.WaitForFinishAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(1.0, status.GetProperty("progress").GetDouble());
        var result = status.GetProperty("result");
        var videoUrl = result.GetProperty("video_url").GetString()!;
        Assert.EndsWith($"/videos/{id}/My_portrait.mp4", videoUrl, StringComparison.Ordinal);
        Assert.EndsWith($"/videos/{id}/My_portrait.html", result.GetProperty("preview_url").GetString(), StringComparison.Ordinal);
        Assert.Equal("My_portrait.mp4", result.GetProperty("file_name").GetString());
        Assert.True(result.GetProperty("size_bytes").GetInt64() > 0);
        Assert.Equal("stand-in", result.GetProperty("animator").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error").ValueKind);

        // The parts were stored by content under work/{id}/input/, never in uploads (which the drop watcher scans).
        var png = await host.Store.GetInfoAsync(new ArtifactRef(ContainerNames.Work, $"{id}/input/image.png"), CancellationToken.None);
        var wav = await host.Store.GetInfoAsync(new ArtifactRef(ContainerNames.Work, $"{id}/input/audio.wav"), CancellationToken.None);
        Assert.Equal(new FileInfo(Uploads.Portrait).Length, png?.Size);
        Assert.Equal(new FileInfo(Uploads.Speech).Length, wav?.Size);
        Assert.Equal("image/png", png?.ContentType);
        Assert.Equal(uploadsBefore, await host.Store.ListAsync(ContainerNames.Uploads, null, CancellationToken.None).CountAsync());

        // The parameters from the JSON part and from the single field both reached the orchestration.
        var input = (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadInputAs<JobRequest>()!;
        Assert.Equal(new ArtifactRef(ContainerNames.Work, $"{id}/input/image.png"), input.Image);
        Assert.Equal(512, input.Parameters.MinResolution);
        Assert.Equal(360, input.Parameters.OutputResolution);
        Assert.Null(input.ResultStem);
    }

    [Fact]
    public async Task Get_RunningJob_ReportsStageProgressAndEta()
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), Uploads.Pair(null, ("file_name", "hold-progress")));
        var id = (await ProblemAssert.ReadJsonAsync(response)).GetProperty("id").GetString()!;
        await host.Client.WaitForInstanceStartAsync(id);

        JsonElement status;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            status = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/videos/{id}", UriKind.Relative));
            await Task.Delay(50);
        }
        while (status.GetProperty("stage").ValueKind == JsonValueKind.Null || status.GetProperty("stage").GetString() != "inference");

        Assert.True(DateTime.UtcNow < deadline);
        Assert.Equal("running", status.GetProperty("status").GetString());
        Assert.Equal(0.4, status.GetProperty("progress").GetDouble());
        Assert.Equal(9, status.GetProperty("eta_seconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("result").ValueKind);
        await host.Client.RaiseEventAsync(id, StandInRenderOrchestration.ReleaseEvent, true);
        Assert.Equal("completed", (await VideoApiTestHost.WaitForFinishAsync(client, $"/api/videos/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delete_RunningJob_Returns202_ThenStatusIsCancelled_AndASecondDeleteIs409()
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), Uploads.Pair(null, ("file_name", "hold-cancel")));
        var id = (await ProblemAssert.ReadJsonAsync(response)).GetProperty("id").GetString()!;
        await host.Client.WaitForInstanceStartAsync(id);

        using var cancel = await client.DeleteAsync(new Uri($"/api/videos/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelling", (await ProblemAssert.ReadJsonAsync(cancel)).GetProperty("status").GetString());

        var status = await VideoApiTestHost.WaitForFinishAsync(client, $"/api/videos/{id}");
        Assert.Equal("cancelled", status.GetProperty("status").GetString());
        Assert.Equal("cancelled", status.GetProperty("error").GetProperty("code").GetString());
        var instance = await host.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, instance!.RuntimeStatus);

        using var again = await client.DeleteAsync(new Uri($"/api/videos/{id}", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "job_finished");
    }

    [Fact]
    public async Task Get_JobThatFailedWithACode_ReportsFailedWithThatCodeAndSentence()
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), Uploads.Pair(null, ("file_name", "noface")));
        var location = response.Headers.Location!.OriginalString;

        var status = await VideoApiTestHost.WaitForFinishAsync(client, location);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("no_face_detected", status.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("No face was found in the image.", status.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Get_JobThatFailedWithoutACode_ReportsInternalErrorWithoutServerDetails()
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), Uploads.Pair(null, ("file_name", "crash")));

        var status = await VideoApiTestHost.WaitForFinishAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("internal_error", status.GetProperty("error").GetProperty("code").GetString());
        ProblemAssert.NoInternals(status.GetRawText());
        Assert.DoesNotContain("ffmpeg", status.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ReturnsRecentJobsNewestFirst_WithStatusUrls()
    {
        using var client = host.CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), Uploads.Pair(null, ("file_name", $"list-{i}")));
            ids.Add((await ProblemAssert.ReadJsonAsync(response)).GetProperty("id").GetString()!);
            await Task.Delay(20); // distinct creation times
        }

        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/videos?limit=100", UriKind.Relative));
        var jobs = list.GetProperty("jobs").EnumerateArray().ToList();
        var listed = jobs.Select(j => j.GetProperty("id").GetString()).ToList();
        Assert.All(ids, id => Assert.Contains(id, listed));
        var created = jobs.Select(j => j.GetProperty("created_at").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);
        Assert.True(listed.IndexOf(ids[2]) < listed.IndexOf(ids[1]) && listed.IndexOf(ids[1]) < listed.IndexOf(ids[0]));
        Assert.All(jobs, j => Assert.Equal($"/api/videos/{j.GetProperty("id").GetString()}", j.GetProperty("status_url").GetString()));

        var two = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/videos?limit=2", UriKind.Relative));
        Assert.Equal(2, two.GetProperty("jobs").GetArrayLength());
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyTwice_StartsOneJob()
    {
        using var client = host.CreateClient();
        var key = Guid.NewGuid().ToString("N");
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/videos", UriKind.Relative)) { Content = Uploads.Pair() };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add((await ProblemAssert.ReadJsonAsync(response)).GetProperty("id").GetString()!);
        }

        Assert.Equal(ids[0], ids[1]);
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/videos?limit=500", UriKind.Relative));
        Assert.Single(list.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetString() == ids[0]);
    }

    [Fact]
    public async Task Post_JsonWithUploadsBlobNames_StartsAJobThatReadsThemInPlace()
    {
        await host.Store.UploadFileAsync(new ArtifactRef(ContainerNames.Uploads, "api-json/alice.png"), Uploads.Portrait, null, CancellationToken.None);
        await host.Store.UploadFileAsync(new ArtifactRef(ContainerNames.Uploads, "api-json/alice.wav"), Uploads.Speech, null, CancellationToken.None);
        using var client = host.CreateClient();

        using var response = await client.PostAsJsonAsync(new Uri("/api/videos", UriKind.Relative), new
        {
            image = "api-json/alice.png",
            audio = "api-json/alice.wav",
            parameters = new { seed = 7, trim_silence = false },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await ProblemAssert.ReadJsonAsync(response)).GetProperty("id").GetString()!;
        var status = await VideoApiTestHost.WaitForFinishAsync(client, $"/api/videos/{id}");
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal("alice.mp4", status.GetProperty("result").GetProperty("file_name").GetString());
        var input = (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadInputAs<JobRequest>()!;
        Assert.Equal(new ArtifactRef(ContainerNames.Uploads, "api-json/alice.png"), input.Image);
        Assert.Equal(new ArtifactRef(ContainerNames.Uploads, "api-json/alice.wav"), input.Audio);
        Assert.Equal(7, input.Parameters.Seed);
        Assert.False(input.Parameters.TrimSilence);
    }

    [Fact]
    public async Task Post_JsonWithUrls_DownloadsThemIntoTheJobsInputFolder()
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync(new Uri("/api/videos", UriKind.Relative), new
        {
            image = new Uri(host.BaseAddress, "/test-files/portrait.png").AbsoluteUri,
            audio = new Uri(host.BaseAddress, "/test-files/speech.wav").AbsoluteUri,
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await ProblemAssert.ReadJsonAsync(response)).GetProperty("id").GetString()!;
        Assert.Equal("completed", (await VideoApiTestHost.WaitForFinishAsync(client, $"/api/videos/{id}")).GetProperty("status").GetString());
        var png = await host.Store.GetInfoAsync(new ArtifactRef(ContainerNames.Work, $"{id}/input/image.png"), CancellationToken.None);
        Assert.Equal(new FileInfo(Uploads.Portrait).Length, png?.Size);
    }
}
