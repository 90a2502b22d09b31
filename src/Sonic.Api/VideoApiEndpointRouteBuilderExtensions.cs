using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Orchestration.Status;
using Sonic.Api.Batches;
using Sonic.Api.Contracts;
using Sonic.Orchestration.Batches;
using Sonic.Api.Errors;
using Sonic.Api.Handlers;
using Sonic.Api.Security;
using Sonic.Api.Studio;

namespace Sonic.Api;

public static class VideoApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST/GET /api/videos</c>, <c>GET/DELETE /api/videos/{id}</c>, <c>POST /api/batches</c>,
    /// <c>GET/DELETE /api/batches/{id}</c>, <c>GET /api/parameters</c>, <c>POST /api/faces</c>, <c>POST /api/verify</c>, and the studio page at
    /// <c>/api/studio/</c> (and <c>/</c>, which redirects there). Every API route goes through the error
    /// filter (ProblemDetails, never a stack trace) and the API-key filter (when <c>Sonic:Api:ApiKey</c> is set).
    /// </summary>
    public static RouteGroupBuilder MapVideoApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptionsMonitor<VideoApiOptions>>().CurrentValue;
        if (string.IsNullOrEmpty(options.ApiKey))
        {
            Log.ApiKeyNotConfigured(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Sonic.Api"));
        }

        var group = endpoints.MapGroup(VideoApiRoutes.Videos).WithTags("Videos");
        group.AddEndpointFilter<ApiErrorFilter>(); // outermost: also catches what the key filter throws
        group.AddEndpointFilter<ApiKeyFilter>();

        group.MapPost(string.Empty, VideoApiHandlers.CreateAsync)
            .WithName("CreateVideo")
            .Produces<VideoJobAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet(string.Empty, VideoApiHandlers.ListAsync)
            .WithName("ListVideos")
            .Produces<VideoJobList>();
        group.MapGet("/{id}", VideoApiHandlers.GetAsync)
            .WithName("GetVideo")
            .Produces<VideoJobStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", VideoApiHandlers.CancelAsync)
            .WithName("CancelVideo")
            .Produces<VideoJobAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var batches = endpoints.MapGroup(VideoApiRoutes.Batches).WithTags("Batches");
        batches.AddEndpointFilter<ApiErrorFilter>();
        batches.AddEndpointFilter<ApiKeyFilter>();
        batches.MapPost(string.Empty, BatchApiHandlers.CreateAsync)
            .WithName("CreateBatch")
            .Produces<BatchAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        batches.MapGet("/{id}", BatchApiHandlers.GetAsync)
            .WithName("GetBatch")
            .Produces<BatchStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        batches.MapDelete("/{id}", BatchApiHandlers.CancelAsync)
            .WithName("CancelBatch")
            .Produces<BatchAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var parameters = endpoints.MapGroup(VideoApiRoutes.Parameters).WithTags("Studio");
        parameters.AddEndpointFilter<ApiErrorFilter>();
        parameters.AddEndpointFilter<ApiKeyFilter>();
        parameters.MapGet(string.Empty, StudioApiHandlers.Parameters).WithName("GetParameters").Produces<ParameterList>();

        var faces = endpoints.MapGroup(VideoApiRoutes.Faces).WithTags("Studio");
        faces.AddEndpointFilter<ApiErrorFilter>();
        faces.AddEndpointFilter<ApiKeyFilter>();
        faces.MapPost(string.Empty, StudioApiHandlers.LocateFaceAsync)
            .WithName("LocateFace")
            .Produces<FaceLocated>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var verify = endpoints.MapGroup(VideoApiRoutes.Verify).WithTags("Provenance");
        verify.AddEndpointFilter<ApiErrorFilter>();
        verify.AddEndpointFilter<ApiKeyFilter>();
        verify.MapPost(string.Empty, VerifyApiHandlers.VerifyAsync)
            .WithName("VerifyVideo")
            .Produces<Sonic.Pipeline.Provenance.ProvenanceReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        // The studio's files are public (they hold no data); every call the page makes goes through the routes above.
        endpoints.MapGet("/", () => Results.Redirect(StudioFiles.Path)).ExcludeFromDescription();
        endpoints.MapGet(StudioFiles.Path.TrimEnd('/') + "/{**file}", (HttpRequest request, string? file) => StudioFiles.Serve(request, file))
            .WithName("Studio")
            .ExcludeFromDescription();
        return group;
    }
}
