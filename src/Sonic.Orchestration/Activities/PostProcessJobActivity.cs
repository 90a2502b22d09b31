using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Activities;

public sealed class PostProcessJobActivity(PostProcessStage stage) : JobActivity<PostProcessInput, PastePlan>
{
    protected override Task<PastePlan> RunStageAsync(PostProcessInput input, CancellationToken cancellationToken)
        => stage.RunAsync(input.Job, input.Inference, cancellationToken);
}
