using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Sonic.InferenceService.Hosting;
using Sonic.Media.Diagnostics;
using Sonic.Pipeline.Jobs.RemoteInference;

namespace Sonic.InferenceService.Jobs;

/// <summary>
/// The service's jobs, in memory: an index by id (what POST and GET see) and a bounded channel of jobs waiting for a
/// runner. Submitting is idempotent on the id: a known job is returned as it is, except a failed one, which is queued
/// again (that is how the caller retries). When the channel is full the submit is refused (429).
/// </summary>
public sealed class InferenceJobQueue
{
    private readonly ConcurrentDictionary<string, InferenceJob> _jobs = new(StringComparer.Ordinal);
    private readonly Channel<InferenceJob> _waiting;
    private readonly Lock _submitGate = new();
    private readonly TimeProvider _time;
    private readonly InferenceServerOptions _options;

    public InferenceJobQueue(IOptions<InferenceServerOptions> options, TimeProvider time, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _waiting = Channel.CreateBounded<InferenceJob>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = false,
        });
        // A meter of this host (disposed with it), under the name every host exports.
        meters.Create(SonicTelemetry.Name).CreateObservableGauge("sonic.inference.queue_depth", () => WaitingCount, "{job}", "Jobs waiting for a runner.");
    }

    public ChannelReader<InferenceJob> Waiting => _waiting.Reader;

    public int WaitingCount => _waiting.Reader.Count;

    public InferenceJob? Find(string jobId) => _jobs.TryGetValue(jobId, out var job) ? job : null;

    public (SubmitOutcome Outcome, InferenceJob? Job) Submit(InferenceJobSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        lock (_submitGate)
        {
            ForgetOldJobs();
            if (_jobs.TryGetValue(submission.JobId, out var known) && !known.IsFailed)
            {
                return (SubmitOutcome.Existing, known);
            }

            // Only submits write, all under this lock: the count can only fall between this check and the write.
            if (_waiting.Reader.Count >= _options.QueueCapacity)
            {
                return (SubmitOutcome.QueueFull, known);
            }

            var job = known ?? new InferenceJob(submission, _time.GetUtcNow());
            if (known is null)
            {
                _jobs[job.JobId] = job;
            }
            else
            {
                job.Requeue(submission, _time.GetUtcNow());
            }

            _waiting.Writer.TryWrite(job);
            return (SubmitOutcome.Created, job);
        }
    }

    private void ForgetOldJobs()
    {
        var cutoff = _time.GetUtcNow() - _options.KeepFinished;
        foreach (var (id, job) in _jobs)
        {
            if (job.Finished is { } finished && finished < cutoff)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }
}
