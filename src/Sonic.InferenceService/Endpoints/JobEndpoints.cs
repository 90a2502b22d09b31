using System.Globalization;
using Microsoft.Extensions.Options;
using Sonic.InferenceService.Hosting;
using Sonic.InferenceService.Jobs;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Models;
using Sonic.Pipeline.Storage;

namespace Sonic.InferenceService.Endpoints;

public static class JobEndpoints
{
    /// <summary>
    /// <c>POST /v1/jobs</c>: 202 with the new job, 200 with the existing one for a known id, 429 + Retry-After when
    /// the queue is full, 400/422 for a bad body or missing inputs. <c>GET /v1/jobs/{id}</c>: the status, or 404
    /// <c>unknown_job</c> (never submitted, or forgotten by a restart: the caller submits again).
    /// </summary>
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/jobs", SubmitAsync);
        endpoints.MapGet("/jobs/{jobId}", (string jobId, InferenceJobQueue queue) => queue.Find(jobId) is { } job
            ? Results.Ok(job.ToStatus())
            : ServiceErrors.Create(StatusCodes.Status404NotFound, InferenceServiceErrorCodes.UnknownJob, $"There is no inference job '{jobId}' (it may have been forgotten by a restart)."));
        return endpoints;
    }

    private static async Task<IResult> SubmitAsync(
        InferenceJobSubmission? submission,
        InferenceJobQueue queue,
        AnimatorCatalog animators,
        IArtifactStore store,
        IOptions<InferenceServerOptions> options,
        HttpContext http)
    {
        if (submission is null || submission.Parameters is null || !IsValidJobId(submission.JobId))
        {
            return ServiceErrors.Create(StatusCodes.Status400BadRequest, Media.Errors.ErrorCodes.InvalidParameter, "The body needs a valid job_id and parameters.");
        }

        // The submission's model wins over the one inside the parameters; neither: the service's default. A known
        // name whose files are missing or broken is accepted and fails as the job (model_unavailable / model_invalid),
        // so the caller gets that stable code rather than a refusal.
        var requested = submission.Model ?? submission.Parameters.Model;
        if (requested is not null && !InferenceModels.IsKnown(requested))
        {
            return ServiceErrors.Create(
                StatusCodes.Status400BadRequest,
                InferenceServiceErrorCodes.UnknownModel,
                $"This service serves the models {string.Join(" and ", InferenceModels.All.Select(m => $"'{m}'"))}, not '{requested}'.");
        }

        submission = submission with { Model = animators.ResolveName(requested) };

        if (queue.Find(submission.JobId) is { IsFailed: false } known)
        {
            return Results.Ok(known.ToStatus());
        }

        var artifacts = new JobArtifacts(submission.JobId);
        var inputs = submission.Model == InferenceModels.Sonic
            ? new[] { artifacts.Crop, artifacts.Face, artifacts.Features, artifacts.Audio16k }
            : [artifacts.Crop, artifacts.Face, artifacts.Features];
        foreach (var input in inputs)
        {
            if (!await store.ExistsAsync(input, http.RequestAborted).ConfigureAwait(false))
            {
                return ServiceErrors.Create(
                    StatusCodes.Status422UnprocessableEntity, InferenceServiceErrorCodes.InputsMissing, $"The preprocessed input {input.Container}/{input.Name} is not in storage.");
            }
        }

        var (outcome, job) = queue.Submit(submission);
        switch (outcome)
        {
            case SubmitOutcome.QueueFull:
                http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return ServiceErrors.Create(StatusCodes.Status429TooManyRequests, InferenceServiceErrorCodes.QueueFull, "The inference queue is full; try again later.");
            case SubmitOutcome.Existing:
                return Results.Ok(job!.ToStatus());
            default:
                return Results.Json(job!.ToStatus(), statusCode: StatusCodes.Status202Accepted);
        }
    }

    /// <summary>The id becomes a blob path segment: letters, digits, '-', '_' and '.', not starting with '.'.</summary>
    private static bool IsValidJobId(string? jobId) =>
        !string.IsNullOrEmpty(jobId) && jobId.Length <= 128 && jobId[0] != '.' && jobId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
