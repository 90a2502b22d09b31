using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Sonic.InferenceService.Hosting;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Media.Diagnostics;
using Sonic.Testing;
using Sonic.Worker.Hosting;

namespace Sonic.IntegrationTests.Telemetry;

/// <summary>
/// One job through the whole topology of <c>./sonic local</c> in this process — the worker and the inference service,
/// each built by its own two extension calls, on Azurite — with an in-memory exporter added to the worker's
/// OpenTelemetry pipeline: the job must come out as one trace from the HTTP call to the ffmpeg runs.
/// </summary>
public sealed class JobTraceTests : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();
    private readonly List<Activity> spans = [];
    private WebApplication? service;
    private WebApplication? worker;
    private Uri apiBase = null!;

    public async Task InitializeAsync()
    {
        var serviceBuilder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        serviceBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sonic:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Sonic:Inference:PreferCuda"] = "false",
        });
        serviceBuilder.Logging.ClearProviders();
        serviceBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        serviceBuilder.AddSonicInferenceService();
        service = serviceBuilder.Build();
        service.MapSonicInferenceService();
        await service.StartAsync();
        var serviceUrl = service.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        var port = FreePort.Next();
        apiBase = new Uri($"http://127.0.0.1:{port}/");
        var workerBuilder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        workerBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sonic:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Sonic:Worker:TaskHubName"] = "trace" + Guid.NewGuid().ToString("N")[..8],
            ["Sonic:Worker:ApiUrls"] = apiBase.ToString().TrimEnd('/'),
            ["Sonic:Worker:WatchUploads"] = "false",
            ["Sonic:Worker:MaxQueuePollingInterval"] = "00:00:00.500",
            ["Sonic:InferenceService:BaseUrl"] = serviceUrl,
        });
        workerBuilder.Logging.ClearProviders();
        workerBuilder.AddSonicWorker();
        workerBuilder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        worker = workerBuilder.Build();
        worker.MapSonicWorker();
        await worker.StartAsync();
    }

    [Fact]
    public async Task OneJob_IsOneTrace_FromTheHttpCallThroughTheOrchestrationTheServiceAndFfmpeg()
    {
        // A client that does not trace (curl, a browser): it sends no traceparent, so the job's trace starts at the API.
        using var handler = new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() };
        using var http = new HttpClient(handler) { BaseAddress = apiBase };
        await Eventually.ReturnsAsync(
            async () => (await http.GetAsync(new Uri("readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK ? "ready" : null,
            TimeSpan.FromSeconds(60),
            "the worker to be ready");

        using var accepted = await ApiJobs.PostAsync(
            http, apiBase, SampleMedia.Portrait, TestMedia.ShortSpeech, """{"min_resolution":256,"output_resolution":360}""");
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var jobId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var final = await ApiJobs.WaitForEndAsync(http, apiBase, jobId, Drops.JobTimeout);
        Assert.Contains("\"completed\"", final, StringComparison.Ordinal);

        // The orchestration's own span ends with the episode that completes it, just after the status says completed.
        var provider = worker!.Services.GetRequiredService<TracerProvider>();
        await Eventually.ReturnsAsync(
            () =>
            {
                provider.ForceFlush();
                lock (spans)
                {
                    return Task.FromResult(spans.Any(s => s.DisplayName == "orchestration:RenderVideo") ? "flushed" : null);
                }
            },
            TimeSpan.FromSeconds(20),
            "the orchestration span",
            () =>
            {
                lock (spans)
                {
                    return string.Join("\n", spans.Select(s => $"{s.TraceId} {s.ParentSpanId} {s.Kind} {s.DisplayName}"));
                }
            });

        Activity[] all;
        lock (spans)
        {
            all = [.. spans];
        }

        var names = string.Join("\n", all.Select(s => $"{s.TraceId} {s.Kind} {s.DisplayName} {s.Source.Name}"));
        var post = all.Single(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.request.method") as string == "POST"
            && s.GetTagItem("url.path") as string == "/api/videos");
        var trace = all.Where(s => s.TraceId == post.TraceId).ToList();
        Activity One(Func<Activity, bool> match, string what) =>
            trace.FirstOrDefault(match) ?? throw new Xunit.Sdk.XunitException($"No {what} span in the job's trace. Spans:\n{names}");

        One(s => s.DisplayName.StartsWith("create_orchestration:RenderVideo", StringComparison.Ordinal), "create_orchestration");
        One(s => s.DisplayName == "orchestration:RenderVideo", "orchestration");
        foreach (var activity in new[] { "ValidateJob", "PreprocessJob", "SubmitInference", "PollInference", "PostProcessJob", "EncodeVideo", "PublishVideo" })
        {
            One(s => s.DisplayName == $"activity:{activity}" && s.Kind == ActivityKind.Server, $"activity:{activity}");
        }

        // The call to the inference service carries the trace: its server span and its job span are in it.
        One(s => s.Kind == ActivityKind.Client && (s.GetTagItem("url.full") as string ?? string.Empty).Contains("/v1/jobs", StringComparison.Ordinal), "HTTP client call to the service");
        One(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.request.method") as string == "POST"
            && (s.GetTagItem("url.path") as string ?? string.Empty).StartsWith("/v1/jobs", StringComparison.Ordinal), "inference service request");
        var job = One(s => s.DisplayName == "inference job", "inference job");
        Assert.Equal(jobId, job.GetTagItem(SonicTelemetry.JobIdTag));
        var animate = One(s => s.DisplayName == "animate", "animate (ONNX Runtime)");
        Assert.True((int)animate.GetTagItem(SonicTelemetry.FramesTag)! > 0, names);
        Assert.True((int)One(s => s.DisplayName == "ffmpeg frames write", "ffmpeg frames write").GetTagItem(SonicTelemetry.FramesTag)! > 0);
        Assert.True((int)One(s => s.DisplayName == "ffmpeg frames read", "ffmpeg frames read").GetTagItem(SonicTelemetry.FramesTag)! > 0);
        var encode = One(s => s.DisplayName == "ffmpeg encode", "ffmpeg encode");

        // The pipe the animator's frames stream into runs inside the animator's span.
        Assert.Equal(animate.SpanId, trace.Single(s => s.DisplayName == "ffmpeg frames write").ParentSpanId);
        Assert.Equal(animate.GetTagItem(SonicTelemetry.FramesTag), encode.GetTagItem(SonicTelemetry.FramesTag));

        // Replay-safe: each activity and the orchestration appear once, however many episodes replayed them.
        Assert.Single(trace, s => s.DisplayName == "orchestration:RenderVideo");
        Assert.Single(trace, s => s.DisplayName == "activity:EncodeVideo" && s.Kind == ActivityKind.Server);

        // The task hub's background polling starts no traces of its own.
        Assert.DoesNotContain(all, s => s.Kind == ActivityKind.Client && s.ParentSpanId == default);

        // Nothing of this job escaped into another trace.
        Assert.DoesNotContain(all, s => s.TraceId != post.TraceId && Equals(s.GetTagItem(SonicTelemetry.JobIdTag), jobId));
    }

    public async Task DisposeAsync()
    {
        if (worker is not null)
        {
            await worker.StopAsync();
            await worker.DisposeAsync();
        }

        if (service is not null)
        {
            await service.StopAsync();
            await service.DisposeAsync();
        }

        azurite.Dispose();
    }
}
