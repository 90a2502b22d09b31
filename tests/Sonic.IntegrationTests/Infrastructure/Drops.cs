using System.Text;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;

namespace Sonic.IntegrationTests.Infrastructure;

/// <summary>Dropping pairs into <c>uploads</c> and finding the orchestrations they started.</summary>
public static class Drops
{
    public static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(150);

    /// <summary>A fresh lowercase stem, so job ids (<c>up-{stem}-{hash}</c>) are easy to find by prefix.</summary>
    public static string NewStem(string label) => $"{label}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Uploads the parameters first (the documented order), then the image, then the audio.</summary>
    public static async Task DropAsync(this WorkerFixture fixture, string stem, string imagePath, string audioPath, string? parametersJson = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var uploads = fixture.Blobs.GetBlobContainerClient("uploads");
        await uploads.CreateIfNotExistsAsync().ConfigureAwait(false);
        if (parametersJson is not null)
        {
            await uploads.GetBlobClient(stem + ".json").UploadAsync(BinaryData.FromString(parametersJson), overwrite: true).ConfigureAwait(false);
        }

        await uploads.GetBlobClient(stem + Path.GetExtension(imagePath).ToLowerInvariant()).UploadAsync(imagePath, overwrite: true).ConfigureAwait(false);
        await uploads.GetBlobClient(stem + Path.GetExtension(audioPath).ToLowerInvariant()).UploadAsync(audioPath, overwrite: true).ConfigureAwait(false);
    }

    public static async Task<List<OrchestrationMetadata>> InstancesAsync(this WorkerFixture fixture, string stem)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var found = new List<OrchestrationMetadata>();
        var query = new OrchestrationQuery { InstanceIdPrefix = $"up-{stem}-", FetchInputsAndOutputs = false };
        await foreach (var instance in fixture.Durable.GetAllInstancesAsync(query).ConfigureAwait(false))
        {
            found.Add(instance);
        }

        return found;
    }

    /// <summary>Waits until the stem's orchestration satisfies <paramref name="condition"/>; fails with the worker's log otherwise.</summary>
    public static Task<OrchestrationMetadata> WaitForAsync(this WorkerFixture fixture, string stem, Func<OrchestrationMetadata, bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return Eventually.ReturnsAsync(
            async () => (await fixture.InstancesAsync(stem).ConfigureAwait(false)).FirstOrDefault(condition) is { } found
                ? await fixture.Durable.GetInstanceAsync(found.InstanceId, getInputsAndOutputs: true).ConfigureAwait(false) // with failure details
                : null,
            timeout ?? JobTimeout,
            $"{stem}: {what}",
            () => fixture.Worker.OutputTail);
    }

    public static Task<OrchestrationMetadata> WaitForEndAsync(this WorkerFixture fixture, string stem, TimeSpan? timeout = null)
        => fixture.WaitForAsync(stem, i => i.IsCompleted, "the job to end", timeout);

    /// <summary>The names of the MP4 blobs published for one job.</summary>
    public static async Task<List<string>> VideosAsync(this WorkerFixture fixture, string jobId)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var names = new List<string>();
        var videos = fixture.Blobs.GetBlobContainerClient("videos");
        if (!await videos.ExistsAsync().ConfigureAwait(false))
        {
            return names;
        }

        await foreach (var blob in videos.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, jobId + "/", CancellationToken.None).ConfigureAwait(false))
        {
            if (blob.Name.EndsWith(".mp4", StringComparison.Ordinal))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }

    public static async Task<string?> ResultJsonAsync(this WorkerFixture fixture, string stem)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var blob = fixture.Blobs.GetBlobContainerClient("results").GetBlobClient(stem + ".json");
        if (!await blob.ExistsAsync().ConfigureAwait(false))
        {
            return null;
        }

        var content = await blob.DownloadContentAsync().ConfigureAwait(false);
        return Encoding.UTF8.GetString(content.Value.Content.ToArray());
    }
}
