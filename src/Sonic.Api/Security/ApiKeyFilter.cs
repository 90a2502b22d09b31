using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Api.Errors;

namespace Sonic.Api.Security;

/// <summary>
/// Requires <c>x-api-key</c> to equal <see cref="VideoApiOptions.ApiKey"/> when one is configured. Both sides are
/// hashed first so the comparison takes the same time whatever the lengths and contents (no timing oracle).
/// </summary>
public sealed class ApiKeyFilter(IOptionsMonitor<VideoApiOptions> options, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "x-api-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var refusal = Check(context.HttpContext);
        return refusal ?? await next(context).ConfigureAwait(false);
    }

    /// <summary>Null when the request may proceed, else the 401 to return (also usable by hosts that do not use endpoint filters).</summary>
    public IResult? Check(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var expected = options.CurrentValue.ApiKey;
        if (string.IsNullOrEmpty(expected))
        {
            return null;
        }

        var given = http.Request.Headers[HeaderName].ToString();
        if (given.Length > 0 && KeysMatch(given, expected))
        {
            return null;
        }

        Log.ApiKeyRejected(logger, http.Request.Path.Value ?? string.Empty);
        return ApiProblems.Create(StatusCodes.Status401Unauthorized, ApiErrorCodes.Unauthorized, $"This API needs a valid key in the {HeaderName} header.");
    }

    internal static bool KeysMatch(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
