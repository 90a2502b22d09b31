using Sonic.Pipeline.Jobs;

namespace Sonic.Orchestration.Rendering;

/// <summary>
/// Thrown by the orchestrator as its last act when a job failed, so the instance ends as Failed with the
/// <c>"code: sentence"</c> message (<see cref="JobError.ToFailureMessage"/>) that the status API reads back.
/// </summary>
public sealed class JobFailedException : Exception
{
    public JobFailedException(JobError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToFailureMessage()) => Error = error;

    public JobFailedException()
        : this(new JobError(JobError.InternalError, "The job failed."))
    {
    }

    public JobFailedException(string message)
        : this(JobError.FromFailure(message))
    {
    }

    public JobFailedException(string message, Exception innerException)
        : base(message, innerException) => Error = JobError.FromFailure(message);

    public JobError Error { get; }
}
