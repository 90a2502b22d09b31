using System.Text.Json.Serialization;
using Sonic.Media.Errors;

namespace Sonic.Pipeline.Jobs;

/// <summary>
/// A job's failure as users see it: a stable code and one sentence. Durable Task keeps only an exception's type and
/// message across activity and orchestration boundaries, so the code travels inside the message as
/// <c>"code: sentence"</c>; <see cref="FromFailure"/> reads it back (anything else is <c>internal_error</c>).
/// </summary>
public sealed record JobError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message)
{
    public const string InternalError = "internal_error";

    public string ToFailureMessage() => $"{Code}: {Message}";

    public static JobError From(SonicJobException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new JobError(exception.Code, exception.Message);
    }

    /// <summary>Recovers the code from a failure message written by <see cref="ToFailureMessage"/>.</summary>
    public static JobError FromFailure(string? message)
    {
        var text = (message ?? string.Empty).Trim();
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && text[..colon].All(c => c is (>= 'a' and <= 'z') or '_'))
        {
            return new JobError(text[..colon], text[(colon + 2)..]);
        }

        return new JobError(InternalError, text.Length == 0 ? "The job failed." : text);
    }
}
