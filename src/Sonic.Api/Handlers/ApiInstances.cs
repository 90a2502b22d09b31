using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Sonic.Orchestration.Status;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;

namespace Sonic.Api.Handlers;

/// <summary>What the job and batch handlers share: finding an instance of one kind by id, its callback's log, the JSON reply.</summary>
internal static class ApiInstances
{
    /// <summary>The instance <paramref name="id"/> when it is an <paramref name="orchestration"/>; ids that cannot be ours are not looked up.</summary>
    public static async Task<OrchestrationMetadata?> FindAsync(DurableTaskClient client, string id, string orchestration, CancellationToken cancellationToken)
    {
        if (!VideoApiRoutes.IsPlausibleJobId(id))
        {
            return null;
        }

        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return instance?.Name == orchestration ? instance : null;
    }

    /// <summary>How the job's or batch's callback went, once its delivery (a separate instance) has ended; else null.</summary>
    public static async Task<WebhookDeliveryLog?> WebhookLogAsync(DurableTaskClient client, string ownerId, CancellationToken cancellationToken)
    {
        var delivery = await client.GetInstanceAsync(DeliverWebhookOrchestration.InstanceId(ownerId), getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return delivery is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } ? delivery.ReadOutputAs<WebhookDeliveryLog>() : null;
    }

    public static IResult Json<T>(int statusCode, T body) => TypedResults.Json(body, VideoApiJson.Options, statusCode: statusCode);
}
