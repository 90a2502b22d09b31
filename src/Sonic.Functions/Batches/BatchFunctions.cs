using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Sonic.Orchestration;
using Sonic.Orchestration.Batches;

namespace Sonic.Functions.Batches;

/// <summary>The batch orchestration (the shared <see cref="RenderBatchOrchestration"/>) and its own activities.</summary>
public sealed class BatchFunctions(WriteBatchResultActivity writeResult, PrepareBatchFaceActivity prepareFace)
{
    [Function(OrchestrationNames.RenderBatch)]
    public static Task<BatchStatus> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RenderBatchOrchestration.RunAsync(context, context.GetInput<BatchRequest>()!);
    }

    [Function(OrchestrationNames.WriteBatchResult)]
    public Task<string> WriteBatchResultAsync([ActivityTrigger] BatchResultInput input, CancellationToken cancellationToken)
        => writeResult.ExecuteAsync(input, cancellationToken);

    [Function(OrchestrationNames.PrepareBatchFace)]
    public Task<int> PrepareBatchFaceAsync([ActivityTrigger] BatchRequest input, CancellationToken cancellationToken)
        => prepareFace.ExecuteAsync(input, cancellationToken);
}
