using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Activities;

/// <summary>Writes <c>results/{stem}.json</c>; returns the stem (activities must return something serialisable).</summary>
public sealed class WriteJobResultActivity(PublishStage stage) : JobActivity<JobResultInput, string>
{
    protected override async Task<string> RunStageAsync(JobResultInput input, CancellationToken cancellationToken)
    {
        await stage.WriteResultAsync(input.Stem, input.Outcome, cancellationToken).ConfigureAwait(false);
        return input.Stem;
    }
}
