using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sonic.Api.Contracts;

/// <summary>
/// The JSON form of <c>POST /api/videos</c>: each input is a blob name in <c>uploads</c> or an HTTPS URL;
/// <see cref="Parameters"/> uses the snake_case parameter names.
/// </summary>
public sealed record CreateVideoJsonRequest(
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("audio")] string? Audio,
    [property: JsonPropertyName("parameters")] JsonElement? Parameters = null,
    [property: JsonPropertyName("callback_url")] string? CallbackUrl = null);
