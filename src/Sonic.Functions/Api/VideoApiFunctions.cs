using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Api;
using Sonic.Api.Handlers;
using Sonic.Api.Submission;
using Sonic.Orchestration.Client;

namespace Sonic.Functions.Api;

/// <summary>
/// The video API of the self-hosted worker — the same <see cref="VideoApiHandlers"/> behind the same filters
/// (<see cref="VideoApiFilterPipeline"/>) on the same paths: the host's route prefix <c>api</c> + <see cref="Videos"/>
/// is <see cref="VideoApiRoutes.Videos"/>. Function keys guard every route (AuthorizationLevel.Function).
/// </summary>
public sealed class VideoApiFunctions(
    VideoApiFilterPipeline filters,
    VideoSubmissionReader reader,
    InputStager stager,
    IOptionsMonitor<VideoApiOptions> options,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public const string Videos = "videos";
    public const string Video = "videos/{id}";

    [Function("CreateVideo")]
    public Task<IResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Videos)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var starter = new JobStarter(client, loggers.CreateLogger<JobStarter>());
        return filters.RunAsync(
            request.HttpContext,
            () => VideoApiHandlers.CreateAsync(request, reader, stager, starter, client, loggers, cancellationToken));
    }

    [Function("ListVideos")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Videos)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return filters.RunAsync(
            request.HttpContext,
            () => VideoApiHandlers.ListAsync(request, client, options, loggers, time, cancellationToken));
    }

    [Function("GetVideo")]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Video)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return filters.RunAsync(
            request.HttpContext,
            () => VideoApiHandlers.GetAsync(id, request, client, loggers, cancellationToken));
    }

    [Function("CancelVideo")]
    public Task<IResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = Video)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return filters.RunAsync(
            request.HttpContext,
            () => VideoApiHandlers.CancelAsync(id, request, client, loggers, cancellationToken));
    }
}
