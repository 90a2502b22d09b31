using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Sonic.InferenceService.Endpoints;
using Sonic.InferenceService.Hosting;
using Sonic.Pipeline.Jobs.RemoteInference;

namespace Sonic.InferenceService.Security;

/// <summary>
/// Requires <c>x-api-key</c> to equal <see cref="InferenceServerOptions.ApiKey"/> when one is configured. Both sides
/// are hashed before a fixed-time comparison, so neither length nor content leaks through timing.
/// </summary>
public sealed class ServiceApiKeyFilter(IOptionsMonitor<InferenceServerOptions> options) : IEndpointFilter
{
    public const string HeaderName = "x-api-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var expected = options.CurrentValue.ApiKey;
        if (!string.IsNullOrEmpty(expected))
        {
            var given = context.HttpContext.Request.Headers[HeaderName].ToString();
            if (given.Length == 0 || !CryptographicOperations.FixedTimeEquals(
                    SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
            {
                return ServiceErrors.Create(StatusCodes.Status401Unauthorized, InferenceServiceErrorCodes.Unauthorized, $"This service needs a valid key in the {HeaderName} header.");
            }
        }

        return await next(context).ConfigureAwait(false);
    }
}
