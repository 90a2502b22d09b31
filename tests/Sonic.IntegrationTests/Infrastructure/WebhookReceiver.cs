using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Sonic.IntegrationTests.Infrastructure;

/// <summary>
/// A webhook receiver on loopback, written as a customer would: it verifies every request with the StandardWebhooks
/// library and the shared secret (401 when that fails), and can be told to answer 500 a number of times first.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>The signing secret the test workers are configured with (32 bytes, not secret at all).</summary>
    public static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly Dictionary<string, int> failuresLeft = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver.app.MapPost("/hooks/{name}", receiver.HandleAsync);
        await receiver.app.StartAsync().ConfigureAwait(false);
        receiver.BaseUrl = new Uri(receiver.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return receiver;
    }

    /// <summary>The URL of a named endpoint, so each test reads only its own deliveries.</summary>
    public string Url(string name) => new Uri(BaseUrl, "hooks/" + name).ToString();

    /// <summary>The next <paramref name="times"/> requests to <paramref name="name"/> are answered 500.</summary>
    public void FailFirst(string name, int times)
    {
        lock (gate)
        {
            failuresLeft[name] = times;
        }
    }

    public IReadOnlyList<ReceivedWebhook> For(string name) => received.Where(r => r.Name == name).ToList();

    private async Task<IResult> HandleAsync(string name, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        bool verified;
        try
        {
            new StandardWebhook(Secret).Verify(body, request.Headers);
            verified = true;
        }
        catch (WebhookVerificationException)
        {
            verified = false;
        }

        var answer = verified ? 200 : 401;
        lock (gate)
        {
            if (verified && failuresLeft.TryGetValue(name, out var left) && left > 0)
            {
                failuresLeft[name] = left - 1;
                answer = 500;
            }
        }

        received.Enqueue(new ReceivedWebhook(
            name, request.Headers["webhook-id"].ToString(), request.Headers["webhook-signature"].ToString(), request.Headers["x-correlation-id"].ToString(), body, verified, answer));
        return Results.StatusCode(answer);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync().ConfigureAwait(false);
}

/// <summary>One request the receiver got, with what it answered.</summary>
public sealed record ReceivedWebhook(string Name, string Id, string Signature, string CorrelationHeader, string Body, bool Verified, int Answered);
