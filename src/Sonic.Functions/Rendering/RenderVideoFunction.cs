using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Sonic.Orchestration;
using Sonic.Orchestration.Rendering;
using Sonic.Pipeline.Jobs;

namespace Sonic.Functions.Rendering;

/// <summary>The render orchestrator: the shared <see cref="RenderVideoOrchestration"/>, nothing else.</summary>
public static class RenderVideoFunction
{
    [Function(OrchestrationNames.RenderVideo)]
    public static Task<JobOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RenderVideoOrchestration.RunAsync(context, context.GetInput<JobRequest>()!);
    }
}
