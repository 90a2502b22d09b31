using System.Text.Json;

namespace Sonic.Functions.Tests.Support;

internal sealed record FunctionResponse(int StatusCode, string? ContentType, string Location, string Text, JsonElement Body);
