using System.Security.Cryptography;
using System.Text;
using Sonic.Api.Errors;

namespace Sonic.Api.Handlers;

/// <summary>
/// An <c>Idempotency-Key</c> header maps to a fixed job id, so a retried POST finds the job the first one started
/// instead of rendering twice.
/// </summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 200;

    public static string ToJobId(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            throw new ApiProblemException($"The {HeaderName} header must be at most {MaxLength} printable ASCII characters without spaces.");
        }

        return "api-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("idempotency\n" + key)))[..24];
    }
}
