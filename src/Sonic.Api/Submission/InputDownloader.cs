using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Api.Errors;
using Sonic.Orchestration.Networking;

namespace Sonic.Api.Submission;

/// <summary>
/// Fetches an input URL to a local file through the named client <see cref="ClientName"/> (time limit and address
/// rules configured in <see cref="VideoApiServiceCollectionExtensions.AddVideoApi"/>), refusing more than
/// <see cref="VideoApiOptions.MaxDownloadBytes"/>.
/// </summary>
public sealed class InputDownloader(IHttpClientFactory clients, IOptionsMonitor<VideoApiOptions> options, ILogger<InputDownloader> logger)
{
    public const string ClientName = "Sonic.Api.InputDownload";

    /// <returns>The number of bytes written.</returns>
    public async Task<long> DownloadAsync(Uri url, string role, string localPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var limit = options.CurrentValue.MaxDownloadBytes;
        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Failed(url, role, $"the server answered HTTP {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength is { } declared && declared > limit)
            {
                throw TooLarge(role, limit);
            }

            var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var target = File.Create(localPath);
            long total = 0;
            await using (source.ConfigureAwait(false))
            await using (target.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > limit)
                    {
                        throw TooLarge(role, limit);
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            if (total == 0)
            {
                throw Failed(url, role, "the file is empty");
            }

            return total;
        }
        catch (HttpRequestException ex)
        {
            throw Failed(url, role, ex.InnerException is BlockedAddressException
                ? "its host is on a private or local network"
                : "the server could not be reached");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(url, role, $"it took longer than {options.CurrentValue.DownloadTimeoutSeconds} s");
        }
    }

    private ApiProblemException Failed(Uri url, string role, string reason)
    {
        Log.InputDownloadFailed(logger, url.GetLeftPart(UriPartial.Path), reason);
        return new ApiProblemException(StatusCodes.Status400BadRequest, ApiErrorCodes.InputDownloadFailed, $"The {role} URL could not be downloaded: {reason}.");
    }

    private static ApiProblemException TooLarge(string role, long limit) =>
        new(StatusCodes.Status400BadRequest, ApiErrorCodes.InputDownloadFailed, $"The file at the {role} URL is larger than {limit / (1024 * 1024)} MB.");
}
