using Microsoft.AspNetCore.Http;
using Sonic.Api.Errors;
using Sonic.Api.Security;

namespace Sonic.Api;

/// <summary>
/// The filters <see cref="VideoApiEndpointRouteBuilderExtensions.MapVideoApi"/> puts on every route, in the same order
/// (errors outermost, then the API key), for hosts that call the handlers without endpoint routing — the Azure
/// Functions app's HTTP triggers. Registered by <see cref="VideoApiServiceCollectionExtensions.AddVideoApi"/>.
/// </summary>
public sealed class VideoApiFilterPipeline
{
    private readonly ApiErrorFilter errors;
    private readonly ApiKeyFilter keys;

    internal VideoApiFilterPipeline(ApiErrorFilter errors, ApiKeyFilter keys)
    {
        this.errors = errors;
        this.keys = keys;
    }

    /// <summary>Runs <paramref name="handler"/> behind the error and API-key filters and returns what the client gets.</summary>
    public async Task<IResult> RunAsync(HttpContext http, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(handler);
        var context = new DefaultEndpointFilterInvocationContext(http);
        var result = await errors.InvokeAsync(
            context,
            outer => keys.InvokeAsync(outer, async _ => await handler().ConfigureAwait(false))).ConfigureAwait(false);
        return result as IResult ?? throw new InvalidOperationException("A video API handler returned no IResult.");
    }
}
