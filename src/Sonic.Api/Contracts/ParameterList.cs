using System.Text.Json.Serialization;
using Sonic.Pipeline.Jobs;

namespace Sonic.Api.Contracts;

/// <summary>The body of <c>GET /api/parameters</c>: every render parameter with its default, range and form group.</summary>
public sealed record ParameterList([property: JsonPropertyName("parameters")] IReadOnlyList<ParameterSpec> Parameters);
