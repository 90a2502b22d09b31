using Sonic.Api.Submission;
using Sonic.Orchestration.Batches;

namespace Sonic.Api.Batches;

/// <summary>
/// A parsed, parameter-validated <c>POST /api/batches</c>: the portrait, the manifest (items, shared parameters,
/// callback, correlation id) and each item's audio source, in item order (none for an item that speaks a script). Nothing has been stored yet.
/// </summary>
public sealed record BatchSubmission(InputSource Image, BatchManifest Manifest, IReadOnlyList<InputSource?> Audio);
