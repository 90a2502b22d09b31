using Microsoft.DurableTask;
using Sonic.Orchestration;
using Sonic.Pipeline.Jobs;

namespace Sonic.Worker.Durable;

/// <summary>TEMPORARY: stands in for the real orchestration until branch 'orch' is merged.</summary>
public static class PlaceholderRenderTasks
{
    public static DurableTaskRegistry AddPlaceholderRenderTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc<JobRequest, string>(OrchestrationNames.RenderVideo, async (context, request) =>
            await context.CallActivityAsync<string>("PlaceholderEcho", request.JobId).ConfigureAwait(true));
        registry.AddActivityFunc<string, string>("PlaceholderEcho", (_, id) => id);
        return registry;
    }
}
