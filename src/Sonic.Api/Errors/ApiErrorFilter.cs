using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sonic.Media.Errors;
using Log = Sonic.Api.Log;

namespace Sonic.Api.Errors;

/// <summary>
/// Turns every exception out of an API handler into a ProblemDetails response, in one place and whatever the host's
/// environment: bad input → 400 with its code, refused requests → their status, anything else → 500 with a generic
/// sentence (the exception goes to the log, never to the client).
/// </summary>
internal sealed class ApiErrorFilter(ILogger<ApiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (SonicJobException ex)
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, ex.Code, ex.Message);
        }
        catch (ApiProblemException ex)
        {
            return ApiProblems.Create(ex.StatusCode, ex.Code, ex.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblems.Create(ex.StatusCode, ApiErrorCodes.RequestTooLarge, "The request body is larger than this API accepts.");
        }
        catch (BadHttpRequestException ex)
        {
            Log.BadRequest(logger, http.Request.Path.Value ?? string.Empty, ex.Message);
            return ApiProblems.Create(ex.StatusCode, ApiErrorCodes.InvalidRequest, "The request could not be read.");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The API boundary: whatever went wrong, the client gets a ProblemDetails, the log gets the exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.UnhandledError(logger, http.Request.Method, http.Request.Path.Value ?? string.Empty, ex);
            return ApiProblems.Create(StatusCodes.Status500InternalServerError, ApiErrorCodes.InternalError, "The server could not handle the request.");
        }
    }
}
