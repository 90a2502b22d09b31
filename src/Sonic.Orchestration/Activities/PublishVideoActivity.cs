using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Publishing;

namespace Sonic.Orchestration.Activities;

public sealed class PublishVideoActivity(PublishStage stage) : JobActivity<PublishInput, PublishedVideo>
{
    protected override Task<PublishedVideo> RunStageAsync(PublishInput input, CancellationToken cancellationToken)
        => stage.RunAsync(input.JobId, input.FileName, cancellationToken);
}
