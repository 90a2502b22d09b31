using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Sonic.Api;
using Sonic.Api.Handlers;
using Sonic.Api.Studio;
using Sonic.Pipeline.Faces;
using Sonic.Pipeline.Models;
using Sonic.Pipeline.Provenance;

namespace Sonic.Functions.Api;

/// <summary>
/// The studio in the Functions app: its page at <c>/api/studio/</c> (anonymous: static files, no data), the two
/// routes it calls beside the video API, and <c>POST /api/verify</c>, through the same handlers and filters as the worker.
/// </summary>
public sealed class StudioFunctions(
    VideoApiFilterPipeline filters, FaceStage faces, AnimatorCatalog animators, ProvenanceVerifier verifier, IOptionsMonitor<VideoApiOptions> options)
{
    [Function("Studio")]
    public IResult Studio([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "studio/{*file}")] HttpRequest request, string? file)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StudioFiles.Serve(request, file);
    }

    [Function("GetParameters")]
    public Task<IResult> ParametersAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "parameters")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return filters.RunAsync(request.HttpContext, () => Task.FromResult(StudioApiHandlers.Parameters()));
    }

    [Function("VerifyVideo")]
    public Task<IResult> VerifyAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "verify")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return filters.RunAsync(request.HttpContext, () => VerifyApiHandlers.VerifyAsync(request, options, verifier, cancellationToken));
    }

    [Function("LocateFace")]
    public Task<IResult> LocateFaceAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "faces")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return filters.RunAsync(request.HttpContext, () => StudioApiHandlers.LocateFaceAsync(request, faces, animators, options, cancellationToken));
    }
}
