using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Sonic.Orchestration;
using Sonic.Orchestration.Batches;

namespace Sonic.Functions.Batches;

/// <summary>The batch orchestration (the shared <see cref="RenderBatchOrchestration"/>) and its result activity.</summary>
public sealed class BatchFunctions(WriteBatchResultActivity writeResult)
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
}
