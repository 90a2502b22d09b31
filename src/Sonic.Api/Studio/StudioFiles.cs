using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Sonic.Api.Studio;

/// <summary>
/// The studio's static files (<c>Studio/wwwroot</c>, embedded in this assembly), served at <c>/api/studio/</c> by the
/// worker and the Functions app alike. The page calls the API relative to itself (<c>../videos</c>), so it works under
/// either host's path; <c>/api/studio</c> without the slash redirects so those relative URLs resolve.
/// </summary>
public static class StudioFiles
{
    public const string Path = "/api/studio/";

    /// <summary>Same-origin scripts and styles only; pictures and videos may come from the storage account's origin.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' blob: data: http: https:; " +
        "media-src 'self' blob: http: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly Dictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static IResult Serve(HttpRequest request, string? file)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(file) && !request.Path.Value!.EndsWith('/'))
        {
            return Results.Redirect(request.PathBase + request.Path + "/");
        }

        if (!Files.TryGetValue(string.IsNullOrEmpty(file) ? "index.html" : file, out var found))
        {
            return Results.NotFound();
        }

        var headers = request.HttpContext.Response.Headers;
        // Small files that change with each release: always revalidated.
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(found.Content, found.ContentType);
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(StudioFiles).Assembly;
        const string Prefix = "studio/";
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var file = name[Prefix.Length..];
            files[file] = (buffer.ToArray(), System.IO.Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".png" => "image/png",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            });
        }

        return files;
    }
}
