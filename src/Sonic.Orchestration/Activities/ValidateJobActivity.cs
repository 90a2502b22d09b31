using System.Diagnostics;
using Sonic.Media.Diagnostics;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Activities;

public sealed class ValidateJobActivity(ValidateStage stage) : JobActivity<JobRequest, ValidatedJob>
{
    protected override Task<ValidatedJob> RunStageAsync(JobRequest input, CancellationToken cancellationToken)
    {
        // The job's first activity span carries the caller's id, so drops (no HTTP span) are findable by it too.
        Activity.Current?.SetTag(SonicTelemetry.JobIdTag, input.JobId).SetTag(SonicTelemetry.CorrelationIdTag, input.Parameters.CorrelationId);
        return stage.RunAsync(input, cancellationToken);
    }
}
