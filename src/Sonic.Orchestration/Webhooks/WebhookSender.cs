using System.Globalization;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Orchestration.Networking;
using StandardWebhooks;

namespace Sonic.Orchestration.Webhooks;

/// <summary>
/// Makes one delivery attempt: POSTs the message's body signed per Standard Webhooks (<c>webhook-id</c>,
/// <c>webhook-timestamp</c> of this attempt, <c>webhook-signature</c> by the <c>StandardWebhooks</c> library) through
/// the guarded client <see cref="ClientName"/>. Never throws for the receiver's sake: every outcome is a
/// <see cref="WebhookAttempt"/>, with the wait before the next one when another is due.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptionsMonitor<WebhookOptions> options, TimeProvider time, ILogger<WebhookSender> logger)
{
    public const string ClientName = "Sonic.Webhooks";
    public const string CorrelationHeader = "x-correlation-id";

    public async Task<WebhookAttempt> SendAsync(WebhookMessage message, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(settings.Secret))
        {
            return Final(message, number, "not sent: no signing secret is configured (Sonic:Webhooks:Secret)");
        }

        if (WebhookUrlRules.Refusal(message.Url, settings) is { } refusal)
        {
            return Final(message, number, $"not sent: callback_url {refusal}");
        }

        var now = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, MediaTypeNames.Application.Json),
        };
        var headers = WebhookConfigurationOptions.StandardWebhooks;
        request.Headers.Add(headers.IdHeaderKey, message.Id);
        request.Headers.Add(headers.TimestampHeaderKey, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(headers.SignatureHeaderKey, new StandardWebhook(settings.Secret).Sign(message.Id, now, message.Body));
        if (message.CorrelationId is { } correlation)
        {
            request.Headers.TryAddWithoutValidation(CorrelationHeader, correlation);
        }

        int? status = null;
        string? error = null;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                Log.Delivered(logger, message.Type, message.Id, number, status.Value);
                return new WebhookAttempt(number, status, null, Delivered: true, RetryInSeconds: null);
            }

            error = $"the receiver answered HTTP {status}";
        }
        catch (HttpRequestException ex)
        {
            error = ex.InnerException is BlockedAddressException
                ? "the receiver's host resolves only to private, loopback or link-local addresses"
                : "the receiver could not be reached";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"the receiver did not answer within {settings.TimeoutSeconds} s";
        }

        double? retry = number < settings.MaxAttempts
            ? Math.Min(settings.FirstRetrySeconds * Math.Pow(2, number - 1), settings.MaxRetrySeconds)
            : null;
        Log.AttemptFailed(logger, message.Type, message.Id, number, error, retry);
        return new WebhookAttempt(number, status, error, Delivered: false, retry);
    }

    private WebhookAttempt Final(WebhookMessage message, int number, string error)
    {
        Log.NotSent(logger, message.Type, message.Id, error);
        return new WebhookAttempt(number, null, error, Delivered: false, RetryInSeconds: null);
    }
}
