using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Webhooks;

/// <summary>
/// Signed callbacks from the real worker on Azurite to a receiver on loopback (allowed by the fixture's local-only
/// setting), verified there with the same StandardWebhooks library a customer would use.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class WebhookTests(WorkerFixture fixture) : IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task CompletedJob_IsCalledBackSigned_RetriedAfter500sWithTheSameId_AndTheStatusShowsTheLog()
    {
        receiver.FailFirst("done", 2);
        using var http = fixture.Http;
        var parameters = JsonSerializer.Serialize(new { min_resolution = 256, output_resolution = 360, callback_url = receiver.Url("done") });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.ApiBase, "api/videos"));
        request.Headers.Add("x-correlation-id", "order-4711");
        request.Content = await MultipartAsync(SampleMedia.Portrait, TestMedia.ShortSpeech, parameters);
        using var accepted = await http.SendAsync(request);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var final = await ApiJobs.WaitForEndAsync(http, fixture.ApiBase, id, Drops.JobTimeout, () => fixture.Worker.OutputTail);
        using var status = JsonDocument.Parse(final);
        Assert.Equal("completed", status.RootElement.GetProperty("status").GetString());
        Assert.Equal("order-4711", status.RootElement.GetProperty("correlation_id").GetString());

        var calls = await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.For("done") is { Count: >= 3 } all && all[^1].Answered == 200 ? all : null),
            TimeSpan.FromSeconds(60), "the third, accepted delivery", () => fixture.Worker.OutputTail);
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.True(c.Verified, "every attempt verifies with the shared secret"));
        Assert.Equal([500, 500, 200], calls.Select(c => c.Answered));
        Assert.Single(calls.Select(c => c.Id).Distinct());
        Assert.Equal("order-4711", calls[0].CorrelationHeader);

        // The body is the status API's own document under data.
        using var body = JsonDocument.Parse(calls[^1].Body);
        Assert.Equal("video.completed", body.RootElement.GetProperty("type").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(id, data.GetProperty("id").GetString());
        Assert.Equal("completed", data.GetProperty("status").GetString());
        Assert.Equal("order-4711", data.GetProperty("correlation_id").GetString());
        Assert.Equal(
            status.RootElement.GetProperty("result").GetProperty("video_url").GetString(),
            data.GetProperty("result").GetProperty("video_url").GetString());

        var logged = await Eventually.ReturnsAsync(
            async () =>
            {
                var text = await http.GetStringAsync(new Uri(fixture.ApiBase, $"api/videos/{id}"));
                return JsonDocument.Parse(text).RootElement.TryGetProperty("webhook", out var w) && w.ValueKind == JsonValueKind.Object ? text : null;
            },
            TimeSpan.FromSeconds(30), "the delivery log in the status");
        var webhook = JsonDocument.Parse(logged).RootElement.GetProperty("webhook");
        Assert.True(webhook.GetProperty("delivered").GetBoolean());
        Assert.Equal(3, webhook.GetProperty("attempts").GetInt32());
        Assert.Equal(200, webhook.GetProperty("last_status").GetInt32());
        Assert.Equal(calls[0].Id, webhook.GetProperty("webhook_id").GetString());

        // A forged request (the body changed after signing) is refused by the same verification.
        using var forged = new HttpRequestMessage(HttpMethod.Post, receiver.Url("forged"))
        {
            Content = new StringContent(calls[^1].Body.Replace("completed", "failed", StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        forged.Headers.Add("webhook-id", calls[^1].Id);
        forged.Headers.Add("webhook-timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        forged.Headers.Add("webhook-signature", calls[^1].Signature);
        using var refused = await http.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task FailedDrop_IsCalledBackAsVideoFailed_WithoutWaitingForTheReceiver_AndItsResultFileGetsTheLog()
    {
        // A receiver that never accepts: every attempt (4 here, 1 s, 2 s, 4 s apart) gets a 500.
        var stem = Drops.NewStem("hook-fail");
        receiver.FailFirst(stem, 100);
        var parameters = JsonSerializer.Serialize(new { callback_url = receiver.Url(stem), correlation_id = "lesson-7" });
        await fixture.DropAsync(stem, SampleMedia.NoFaceJpegNamedPng, TestMedia.ShortSpeech, parameters);

        var call = await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.For(stem).FirstOrDefault()),
            Drops.JobTimeout, "the video.failed callback", () => fixture.Worker.OutputTail);

        // The job has ended while its callback is still being retried: the receiver never holds the video back.
        var job = await fixture.WaitForEndAsync(stem, TimeSpan.FromSeconds(5));
        Assert.True(receiver.For(stem).Count < 4, "the job ended only after every attempt");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, job.RuntimeStatus);
        Assert.True(call.Verified);
        using var body = JsonDocument.Parse(call.Body);
        Assert.Equal("video.failed", body.RootElement.GetProperty("type").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("failed", data.GetProperty("status").GetString());
        Assert.Equal("no_face_detected", data.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("lesson-7", data.GetProperty("correlation_id").GetString());

        var result = await Eventually.ReturnsAsync(
            async () => await fixture.ResultJsonAsync(stem) is { } text && text.Contains("\"webhook\"", StringComparison.Ordinal) ? text : null,
            TimeSpan.FromSeconds(60), "the result file with the delivery log");
        using var written = JsonDocument.Parse(result);
        Assert.Equal("lesson-7", written.RootElement.GetProperty("correlation_id").GetString());
        var log = written.RootElement.GetProperty("webhook");
        Assert.False(log.GetProperty("delivered").GetBoolean());
        Assert.Equal(4, log.GetProperty("attempts").GetInt32());
        Assert.Equal(500, log.GetProperty("last_status").GetInt32());
        Assert.Equal(4, receiver.For(stem).Count);
        Assert.Single(receiver.For(stem).Select(c => c.Id).Distinct());
    }

    [Theory]
    [InlineData("http://example.com/hook", "must be an https URL")]
    [InlineData("https://10.1.2.3/hook", "private")]
    [InlineData("https://169.254.169.254/latest", "metadata")]
    [InlineData("ftp://example.com/x", "https")]
    public async Task CallbackUrls_OutsideTheRules_AreRefusedBeforeAnythingIsStored(string url, string expected)
    {
        using var http = fixture.Http;
        var parameters = JsonSerializer.Serialize(new { callback_url = url });
        using var response = await http.PostAsync(new Uri(fixture.ApiBase, "api/videos"), await MultipartAsync(SampleMedia.Portrait, TestMedia.ShortSpeech, parameters));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal("invalid_parameter", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains(expected, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<MultipartFormDataContent> MultipartAsync(string imagePath, string audioPath, string parametersJson)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(imagePath)), "image", Path.GetFileName(imagePath) },
            { new ByteArrayContent(await File.ReadAllBytesAsync(audioPath)), "audio", Path.GetFileName(audioPath) },
            { new StringContent(parametersJson, Encoding.UTF8), "parameters" },
        };
        return form;
    }
}
