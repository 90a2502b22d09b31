using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Api;
using Sonic.Api.Batches;
using Sonic.Api.Submission;
using Sonic.Orchestration.Batches;
using Sonic.Orchestration.Client;
using Sonic.Orchestration.Webhooks;

namespace Sonic.Functions.Api;

/// <summary>The batch API: the worker's <see cref="BatchApiHandlers"/> behind the same filters, on the same paths.</summary>
public sealed class BatchApiFunctions(
    VideoApiFilterPipeline filters,
    BatchSubmissionReader reader,
    InputStager stager,
    IOptionsMonitor<BatchOptions> batchOptions,
    IOptionsMonitor<WebhookOptions> webhooks,
    ILoggerFactory loggers)
{
    public const string Batches = "batches";
    public const string Batch = "batches/{id}";

    [Function("CreateBatch")]
    public Task<IResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Batches)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var starter = new JobStarter(client, loggers.CreateLogger<JobStarter>());
        return filters.RunAsync(
            request.HttpContext,
            () => BatchApiHandlers.CreateAsync(request, reader, stager, starter, client, batchOptions, webhooks, loggers, cancellationToken));
    }

    [Function("GetBatch")]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Batch)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return filters.RunAsync(request.HttpContext, () => BatchApiHandlers.GetAsync(id, request, client, loggers, cancellationToken));
    }

    [Function("CancelBatch")]
    public Task<IResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = Batch)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return filters.RunAsync(request.HttpContext, () => BatchApiHandlers.CancelAsync(id, request, client, loggers, cancellationToken));
    }
}
