using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Status;

/// <summary>
/// The parts of a <see cref="VideoJobStatus"/> that come from a job's own outcome, shared by the status API (which
/// reads them from the task hub) and the webhooks (sent from inside the orchestration), so both say the same.
/// </summary>
public static class JobStatusDocuments
{
    public static VideoJobResult Result(JobOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new VideoJobResult(
            outcome.VideoUrl, outcome.PreviewUrl, outcome.FileName, outcome.DurationSeconds, outcome.SizeBytes, outcome.Animator, outcome.Timings,
            outcome.PosterUrl, outcome.FaceCache, outcome.Speech, outcome.Captions);
    }

    /// <summary>
    /// Coded failures ("no_face_detected: …") are for users; anything else is a server fault whose message may carry
    /// tool output or paths, so users get a generic sentence and the log keeps the detail.
    /// </summary>
    public static JobError Public(JobError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code == JobError.InternalError
            ? error with { Message = "The render failed on the server; the worker log has the details." }
            : error;
    }

    /// <summary>A finished job as the status API reports it once its instance has ended.</summary>
    public static VideoJobStatus Finished(JobOutcome outcome, DateTimeOffset createdAt, DateTimeOffset updatedAt, string statusUrl)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var completed = outcome.Status == JobOutcome.Completed && outcome.Error is null;
        return new VideoJobStatus(
            outcome.JobId,
            completed ? VideoJobStates.Completed : VideoJobStates.Failed,
            completed ? JobStageNames.Completed : null,
            completed ? 1.0 : 0,
            completed ? 0 : null,
            createdAt,
            updatedAt,
            statusUrl,
            completed ? Result(outcome) : null,
            completed ? null : Public(outcome.Error ?? new JobError(JobError.InternalError, "The job failed.")),
            outcome.CorrelationId);
    }
}
