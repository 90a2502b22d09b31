using System.ComponentModel.DataAnnotations;

namespace Sonic.Orchestration.Webhooks;

/// <summary>Settings of the signed callbacks, bound from <c>Sonic:Webhooks</c>.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Sonic:Webhooks";

    /// <summary>The signing secret, <c>whsec_</c> + base64 (Standard Webhooks). In Azure it comes from Key Vault.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Also deliver to <c>http://127.0.0.1</c> (and any loopback address). Off by default: callbacks go to public https
    /// URLs only; <c>./sonic local</c> and tests turn it on.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>The time one attempt may take, connection and answer together.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts per event before giving up (the first one included).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait before the second attempt; each later wait doubles, up to <see cref="MaxRetrySeconds"/>.</summary>
    [Range(0, 3600)]
    public double FirstRetrySeconds { get; set; } = 10;

    [Range(0, 86_400)]
    public double MaxRetrySeconds { get; set; } = 600;

    public const string SecretPrefix = "whsec_";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Secret is { Length: > 0 } secret && !IsValidSecret(secret))
        {
            yield return new ValidationResult(
                $"{SectionName}:Secret must be '{SecretPrefix}' followed by base64 of 24 to 64 random bytes.", [nameof(Secret)]);
        }
    }

    private static bool IsValidSecret(string secret)
    {
        var body = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : null;
        var bytes = new byte[body?.Length ?? 0];
        return body is not null && Convert.TryFromBase64String(body, bytes, out var length) && length is >= 24 and <= 64;
    }
}
