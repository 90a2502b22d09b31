using Sonic.Orchestration.Activities;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Batches;

/// <summary>
/// Prepares the batch's portrait into the face cache before any item starts, so items rendering side by side all
/// find it instead of each preparing it (<see cref="FaceCache.WarmAsync"/>). Returns the entries made now.
/// </summary>
public sealed class PrepareBatchFaceActivity(FaceCache cache) : JobActivity<BatchRequest, int>
{
    protected override Task<int> RunStageAsync(BatchRequest input, CancellationToken cancellationToken)
        => cache.WarmAsync(input.Image, input.Items.Select(i => i.Parameters), cancellationToken);
}
