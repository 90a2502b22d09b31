using System.ComponentModel.DataAnnotations;

namespace Sonic.Pipeline.Storage;

/// <summary>
/// Where artifacts live, bound from configuration section <c>Sonic:Storage</c>. Exactly one kind must be set:
/// <see cref="ConnectionString"/> (Azurite or an account key), <see cref="ServiceUri"/> (a real account reached with
/// managed identity / <c>DefaultAzureCredential</c>), or <see cref="LocalRoot"/> (a folder on this machine).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Sonic:Storage";

    /// <summary>A storage connection string, e.g. Azurite's <c>UseDevelopmentStorage=true</c> or an account-key string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob service endpoint, e.g. <c>https://account.blob.core.windows.net</c>; authenticates with DefaultAzureCredential.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity, used with <see cref="ServiceUri"/>; empty for the system identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>A local folder holding one subfolder per container (the file-system store).</summary>
    public string? LocalRoot { get; set; }

    /// <summary>Which store these options select; only meaningful once validated.</summary>
    public StorageKind Kind =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? StorageKind.ConnectionString
        : ServiceUri is not null ? StorageKind.ServiceUri
        : StorageKind.LocalRoot;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var configured = (string.IsNullOrWhiteSpace(ConnectionString) ? 0 : 1)
            + (ServiceUri is null ? 0 : 1)
            + (string.IsNullOrWhiteSpace(LocalRoot) ? 0 : 1);
        if (configured != 1)
        {
            var found = configured == 0 ? "none is set" : $"{configured} are set";
            yield return new ValidationResult(
                $"Configure exactly one of {SectionName}:ConnectionString, {SectionName}:ServiceUri or {SectionName}:LocalRoot ({found}).",
                [nameof(ConnectionString), nameof(ServiceUri), nameof(LocalRoot)]);
        }

        if (ServiceUri is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult($"{SectionName}:ServiceUri must be an absolute URI.", [nameof(ServiceUri)]);
        }
    }
}
