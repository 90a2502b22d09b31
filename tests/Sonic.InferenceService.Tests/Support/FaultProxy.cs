using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sonic.InferenceService.Tests.Support;

/// <summary>
/// A tiny reverse proxy on a loopback port in front of the service: every request is numbered, and
/// <see cref="Plan"/> decides per request whether it passes, gets a 500/503 without reaching the service, or is
/// delayed first. With no <see cref="Upstream"/> (a service being restarted) it answers 502 like a gateway would.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _forward = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private int _count;

    private FaultProxy(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public volatile Uri? Upstream;

    public Func<ProxiedRequest, ProxyFault> Plan { get; set; } = _ => ProxyFault.None;

    /// <summary>Requests that reached the service, as "METHOD path status".</summary>
    public List<string> Log { get; } = [];

    public int FaultsInjected { get; private set; }

    public static async Task<FaultProxy> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new FaultProxy(app);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = new ProxiedRequest(context.Request.Method, context.Request.Path.Value ?? "/", Interlocked.Increment(ref _count));
        var fault = Plan(request);
        if (fault.Delay > TimeSpan.Zero)
        {
            FaultsInjected++;
            await Task.Delay(fault.Delay, context.RequestAborted);
        }

        if (fault.Status is { } status)
        {
            FaultsInjected++;
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("injected fault");
            return;
        }

        var upstream = Upstream;
        if (upstream is null)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(upstream, request.Path.TrimStart('/') + context.Request.QueryString));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(context.Request.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }

        foreach (var header in new[] { "x-api-key", "Accept" })
        {
            if (context.Request.Headers.TryGetValue(header, out var value))
            {
                message.Headers.TryAddWithoutValidation(header, value.ToArray());
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _forward.SendAsync(message, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using (response)
        {
            lock (Log)
            {
                Log.Add($"{request.Method} {request.Path} {(int)response.StatusCode}");
            }

            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } type)
            {
                context.Response.ContentType = type.ToString();
            }

            if (response.Headers.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString();
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }
}

public sealed record ProxiedRequest(string Method, string Path, int Number);

public sealed record ProxyFault(int? Status = null, TimeSpan Delay = default)
{
    public static ProxyFault None { get; } = new();

    public static ProxyFault Fail(HttpStatusCode status) => new((int)status);

    public static ProxyFault Slow(TimeSpan delay) => new(Delay: delay);
}
