namespace Sonic.Orchestration.Uploads;

/// <summary>The outcome of one notification: which stem, which job (when a pair was complete), what happened.</summary>
public sealed record UploadDispatch(string Stem, string? JobId, UploadDispatchStatus Status);
