using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Activities;

public sealed class EncodeVideoActivity(EncodeStage stage) : JobActivity<EncodeInput, EncodedVideo>
{
    protected override Task<EncodedVideo> RunStageAsync(EncodeInput input, CancellationToken cancellationToken)
        => stage.RunAsync(input, cancellationToken);
}
