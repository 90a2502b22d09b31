using System.Diagnostics;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.InferenceService.Jobs;

/// <summary>One job in memory: its submission and its state, changed only under its own lock.</summary>
public sealed class InferenceJob(InferenceJobSubmission submission, DateTimeOffset created)
{
    private readonly Lock _gate = new();
    private string _state = InferenceJobStates.Queued;
    private double _progress;
    private JobError? _error;
    private DateTimeOffset _queuedAt = created;
    private DateTimeOffset? _startedAt;

    /// <summary>What the latest POST for this id asked for (a failed job queued again takes the new request).</summary>
    public InferenceJobSubmission Submission { get; private set; } = submission;

    public string JobId => Submission.JobId;

    /// <summary>The trace of the request that queued the job: its run becomes a span of that trace.</summary>
    public ActivityContext Origin { get; private set; } = Activity.Current?.Context ?? default;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset? Finished { get; private set; }

    /// <summary>How many times the job has been queued (a failed job is queued again by a new POST).</summary>
    public int Attempts { get; private set; } = 1;

    public bool IsFailed
    {
        get
        {
            lock (_gate)
            {
                return _state == InferenceJobStates.Failed;
            }
        }
    }

    public void Requeue(InferenceJobSubmission submission, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(submission);
        lock (_gate)
        {
            Submission = submission;
            Origin = Activity.Current?.Context ?? default;
            _state = InferenceJobStates.Queued;
            _progress = 0;
            _error = null;
            _queuedAt = now;
            _startedAt = null;
            Finished = null;
            Attempts++;
        }
    }

    public void Start(DateTimeOffset now)
    {
        lock (_gate)
        {
            _state = InferenceJobStates.Running;
            _startedAt = now;
        }
    }

    public void Report(int done, int total)
    {
        lock (_gate)
        {
            _progress = total > 0 ? Math.Round(Math.Min(1.0, (double)done / total), 3) : 0;
        }
    }

    public void Succeed(DateTimeOffset now)
    {
        lock (_gate)
        {
            _state = InferenceJobStates.Succeeded;
            _progress = 1;
            Finished = now;
        }
    }

    public void Fail(JobError error, DateTimeOffset now)
    {
        lock (_gate)
        {
            _state = InferenceJobStates.Failed;
            _error = error;
            Finished = now;
        }
    }

    public InferenceJobStatus ToStatus()
    {
        var artifacts = new JobArtifacts(JobId);
        lock (_gate)
        {
            var outputs = _state == InferenceJobStates.Succeeded ? new[] { artifacts.Frames.Name, artifacts.Inference.Name } : [];
            return new InferenceJobStatus(
                JobId,
                _state,
                _progress,
                Submission.Model ?? InferenceModels.Builtin,
                [artifacts.Crop.Name, artifacts.Face.Name, artifacts.Features.Name],
                outputs,
                _error?.Code,
                _error?.Message,
                Seconds(_queuedAt, _startedAt),
                Seconds(_startedAt, Finished));
        }
    }

    /// <summary>Whole milliseconds, as seconds; null until both ends are known (this attempt's times only).</summary>
    private static double? Seconds(DateTimeOffset? from, DateTimeOffset? to)
        => from is { } start && to is { } end ? Math.Round((end - start).TotalSeconds, 3) : null;
}
