using System.Globalization;
using System.Net;

namespace Sonic.Worker.Hosting;

/// <summary>
/// Parses <see cref="WorkerOptions.ApiUrls"/> (<c>http://host:port;…</c>) into Kestrel endpoints; a
/// <see cref="FormatException"/> says what is wrong, and <see cref="WorkerOptions"/>' validation reports it.
/// </summary>
public static class ListenAddresses
{
    public static IReadOnlyList<IPEndPoint> ParseHttpUrls(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var endpoints = new List<IPEndPoint>();
        foreach (var raw in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "*" and "+" mean every interface, as in ASPNETCORE_URLS; Uri does not accept them as hosts.
            var text = raw.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new FormatException($"'{raw}' is not an http://host:port URL (TLS belongs in front of the worker).");
            }

            var address = uri.Host switch
            {
                "localhost" => IPAddress.Loopback,
                _ when IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) => parsed,
                _ => throw new FormatException($"'{raw}' must name an IP address, localhost or *."),
            };
            endpoints.Add(new IPEndPoint(address, uri.Port));
        }

        return endpoints.Count > 0
            ? endpoints
            : throw new FormatException("It names no URL.");
    }

    /// <summary>The first API URL as clients on this machine reach it (every-interface hosts become 127.0.0.1).</summary>
    public static Uri LocalBaseUrl(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var host = endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any) ? "127.0.0.1" : endpoint.Address.ToString();
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{endpoint.Port}/"));
    }
}
