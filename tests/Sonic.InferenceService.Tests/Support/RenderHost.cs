using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sonic.Orchestration;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.InferenceService.Tests.Support;

/// <summary>
/// The real render orchestration in DurableTaskTestHost over the same file-system store as the service, with
/// <c>Sonic:InferenceService</c> pointed at <paramref name="baseUri"/> so inference is submitted and polled over HTTP.
/// </summary>
public static class RenderHost
{
    public static Task<DurableTaskTestHost> StartAsync(string storageRoot, Uri baseUri, IDictionary<string, string?> inferenceSettings)
    {
        ArgumentNullException.ThrowIfNull(inferenceSettings);
        var values = new Dictionary<string, string?>
        {
            ["Sonic:Storage:LocalRoot"] = storageRoot,
            ["Sonic:Inference:PreferCuda"] = "false",
            ["Sonic:InferenceService:BaseUrl"] = baseUri.ToString(),
        };
        foreach (var (key, value) in inferenceSettings)
        {
            values["Sonic:InferenceService:" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return DurableTaskTestHost.StartAsync(
            tasks => tasks.AddSonicRenderTasks(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddSingleton<IConfiguration>(configuration);
                    services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
                    services.AddSonicJobStages(configuration);
                    services.AddSonicInferenceClient(configuration);
                },
            });
    }

    public static async Task<OrchestrationMetadata> RunAsync(DurableTaskTestHost host, JobRequest job, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(job);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            OrchestrationNames.RenderVideo, job, new StartOrchestrationOptions(job.JobId));
        using var cancel = new CancellationTokenSource(timeout);
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancel.Token);
    }
}
