using System.ComponentModel.DataAnnotations;

namespace Sonic.Pipeline.Speech;

/// <summary>
/// Section <c>Sonic:Speech</c>: which provider speaks scripts — <c>espeak-ng</c> (the local and CI default, no
/// network) or <c>azure</c> (Azure AI Speech neural voices through the batch synthesis REST API, with the managed
/// identity) — and the Azure provider's settings.
/// </summary>
public sealed class SpeechOptions : IValidatableObject
{
    public const string SectionName = "Sonic:Speech";
    public const string Espeak = "espeak-ng";
    public const string Azure = "azure";

    public string Provider { get; set; } = Espeak;

    /// <summary>The Speech resource's custom-domain endpoint, <c>https://{name}.cognitiveservices.azure.com</c> (Entra ID needs one).</summary>
    public string? AzureEndpoint { get; set; }

    /// <summary>The user-assigned managed identity to sign in with; empty for the system-assigned one or a developer's login.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>How often a running synthesis is asked for its state.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one synthesis may take before the attempt fails (and the activity's retry asks again).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider is not (Espeak or Azure))
        {
            yield return new ValidationResult($"Sonic:Speech:Provider must be \"{Espeak}\" or \"{Azure}\", not '{Provider}'.", [nameof(Provider)]);
        }
        else if (Provider == Azure && !(Uri.TryCreate(AzureEndpoint, UriKind.Absolute, out var endpoint) && (endpoint.Scheme == Uri.UriSchemeHttps || endpoint.IsLoopback)))
        {
            yield return new ValidationResult(
                "Sonic:Speech:AzureEndpoint must be the Speech resource's https endpoint, such as https://my-speech.cognitiveservices.azure.com, when the provider is azure.",
                [nameof(AzureEndpoint)]);
        }
    }
}
