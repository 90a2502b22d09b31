using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sonic.Functions.Tests.Support;

/// <summary>
/// Calls an HTTP function the way the Functions ASP.NET Core integration does: an <see cref="HttpContext"/> in, an
/// <see cref="IResult"/> out, executed into the response.
/// </summary>
internal static class FunctionHttp
{
    public static async Task<FunctionResponse> InvokeAsync<TFunction>(
        IServiceProvider services, string method, string path, string? json, Func<TFunction, HttpRequest, Task<IResult>> call, string query = "")
        where TFunction : class
    {
        using var scope = services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = method;
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("sonic.example");
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query);
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = bytes.Length;
            http.Request.Body = new MemoryStream(bytes);
        }

        using var body = new MemoryStream();
        http.Response.Body = body;

        // Function classes are created per invocation from the invocation's scope, as the Functions worker does.
        var function = ActivatorUtilities.CreateInstance<TFunction>(scope.ServiceProvider);
        var result = await call(function, http.Request);
        await result.ExecuteAsync(http);

        var text = Encoding.UTF8.GetString(body.ToArray());
        return new FunctionResponse(
            http.Response.StatusCode,
            http.Response.ContentType,
            http.Response.Headers.Location.ToString(),
            text,
            text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }
}
