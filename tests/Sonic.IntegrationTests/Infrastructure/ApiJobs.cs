using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Sonic.IntegrationTests.Infrastructure;

/// <summary>Submitting jobs to the HTTP API as a client would, and waiting for them to end.</summary>
public static class ApiJobs
{
    /// <summary>POST /api/videos with the two files as multipart parts (named as on disk) and the parameters field.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, Uri apiBase, string imagePath, string audioPath, string? parametersJson)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(await File.ReadAllBytesAsync(imagePath).ConfigureAwait(false));
        image.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(image, "image", Path.GetFileName(imagePath));
        var audio = new ByteArrayContent(await File.ReadAllBytesAsync(audioPath).ConfigureAwait(false));
        audio.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(audio, "audio", Path.GetFileName(audioPath));
        form.Add(new StringContent(parametersJson ?? "{}", Encoding.UTF8), "parameters");
        return await http.PostAsync(new Uri(apiBase, "api/videos"), form).ConfigureAwait(false);
    }

    /// <summary>The job's status document once it is completed, failed or cancelled.</summary>
    public static Task<string> WaitForEndAsync(HttpClient http, Uri apiBase, string id, TimeSpan timeout, Func<string>? diagnostics = null) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                var text = await http.GetStringAsync(new Uri(apiBase, $"api/videos/{id}")).ConfigureAwait(false);
                return JsonDocument.Parse(text).RootElement.GetProperty("status").GetString() is "completed" or "failed" or "cancelled" ? text : null;
            },
            timeout,
            $"job {id} to end",
            diagnostics);
}
