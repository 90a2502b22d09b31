using System.Text.Json.Serialization;

namespace Sonic.Api.Contracts;

/// <summary>The body of <c>202 Accepted</c> from POST and DELETE: which job, what now, where to poll.</summary>
public sealed record VideoJobAccepted(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_url")] string StatusUrl);
