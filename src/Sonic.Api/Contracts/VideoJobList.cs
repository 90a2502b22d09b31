using System.Text.Json.Serialization;
using Sonic.Orchestration.Status;

namespace Sonic.Api.Contracts;

/// <summary>The body of <c>GET /api/videos</c>: recent jobs, newest first.</summary>
public sealed record VideoJobList([property: JsonPropertyName("jobs")] IReadOnlyList<VideoJobStatus> Jobs);
