using System.Net;
using Sonic.Media.Errors;
using Sonic.Orchestration.Networking;

namespace Sonic.Orchestration.Webhooks;

/// <summary>
/// Where callbacks may go: https URLs whose host resolves to public addresses (the input download rules); with
/// <see cref="WebhookOptions.AllowLoopback"/> also loopback, over http too. Checked on submission (a clear 400) and on
/// every connect (DNS may change between the two).
/// </summary>
public static class WebhookUrlRules
{
    /// <summary>Why <paramref name="url"/> is refused, as the end of "callback_url …", or null when it is allowed.</summary>
    public static string? Refusal(string url, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "must be an https URL";
        }

        var loopback = IPAddress.TryParse(uri.IdnHost, out var literal) && IPAddress.IsLoopback(literal);
        if (options.AllowLoopback && loopback)
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return options.AllowLoopback ? "must be an https URL (plain http only to 127.0.0.1)" : "must be an https URL";
        }

        if (literal is not null && !NetworkAddressRules.IsPublic(literal) || uri.IsLoopback)
        {
            return "must not point at a loopback, private, link-local or metadata address";
        }

        return null;
    }

    /// <summary>
    /// The submission check: a job or batch that asks for a callback this server cannot sign or may not call is refused
    /// with <c>invalid_parameter</c> before anything is stored.
    /// </summary>
    public static void EnsureAllowed(string? callbackUrl, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (callbackUrl is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(options.Secret))
        {
            throw new SonicJobException(ErrorCodes.InvalidParameter,
                $"Parameter callback_url cannot be used: this server has no webhook signing secret ({WebhookOptions.SectionName}:Secret).");
        }

        if (Refusal(callbackUrl, options) is { } refusal)
        {
            throw new SonicJobException(ErrorCodes.InvalidParameter, $"Parameter callback_url {refusal}.");
        }
    }

    /// <summary>Whether a connection to <paramref name="address"/> is allowed (the connect-time check).</summary>
    public static bool MayConnect(IPAddress address, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        return NetworkAddressRules.IsPublic(address) || (options.AllowLoopback && IPAddress.IsLoopback(address));
    }
}
