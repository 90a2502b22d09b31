using System.Text.Json.Serialization;

namespace Sonic.Api.Batches;

/// <summary>The body of <c>202 Accepted</c> from <c>POST /api/batches</c>: the batch, where to poll, and its items' job ids.</summary>
public sealed record BatchAccepted(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_url")] string StatusUrl,
    [property: JsonPropertyName("items")] IReadOnlyList<string> Items);
