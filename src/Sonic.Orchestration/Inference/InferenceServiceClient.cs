using System.Net;
using System.Net.Http.Json;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.RemoteInference;

namespace Sonic.Orchestration.Inference;

/// <summary>
/// The typed HTTP client of the GPU inference service (registered by
/// <see cref="InferenceClientServiceCollectionExtensions.AddSonicInferenceClient"/> with the standard resilience
/// handler: retries with back-off on 5xx/408/429/connection faults, attempt and total timeouts, a circuit breaker).
/// Submitting is idempotent on the job id, so retrying a POST is safe.
/// </summary>
public sealed class InferenceServiceClient(HttpClient http)
{
    public async Task<InferenceJobStatus> SubmitAsync(InferenceJobSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        using var response = await http.PostAsJsonAsync("v1/jobs", submission, cancellationToken).ConfigureAwait(false);
        await ThrowIfRejectedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<InferenceJobStatus>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The job's status, or null when the service does not know the id (it restarted since the submit).</summary>
    public async Task<InferenceJobStatus?> GetStatusAsync(string jobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        using var response = await http.GetAsync(new Uri($"v1/jobs/{Uri.EscapeDataString(jobId)}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false) is { Code: InferenceServiceErrorCodes.UnknownJob })
        {
            return null;
        }

        await ThrowIfRejectedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<InferenceJobStatus>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InferenceServiceInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("v1/info", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        await ThrowIfRejectedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<InferenceServiceInfo>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>4xx that retrying cannot fix → <see cref="InferenceRejectedException"/>; any other failure → HttpRequestException.</summary>
    private static async Task ThrowIfRejectedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is >= 400 and < 500 and not 404 and not 408 and not 429)
        {
            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            throw new InferenceRejectedException(
                status, error?.Code ?? InferenceServiceErrorCodes.InferenceFailed, error?.Message ?? $"The inference service refused the request ({response.ReasonPhrase}).");
        }

        response.EnsureSuccessStatusCode();
    }

    private static async Task<JobError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JobError>(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null; // not JSON at all (e.g. a proxy's HTML page)
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        => await response.Content.ReadFromJsonAsync<T>(cancellationToken).ConfigureAwait(false)
           ?? throw new HttpRequestException($"The inference service answered {(int)response.StatusCode} with an empty body.");
}
