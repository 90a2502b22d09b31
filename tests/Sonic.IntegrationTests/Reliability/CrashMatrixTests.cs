using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Orchestration.Client;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Reliability;

/// <summary>
/// kill -9 of the worker while a job is in a given stage, then a restart: the job completes with exactly one video and
/// one results entry, every time. The stage is read from the job's status just before the kill.
/// </summary>
public sealed class CrashMatrixTests : IAsyncLifetime
{
    // 2.5 s of speech at 512 px: the long stages last about a second, the short ones a few hundred milliseconds.
    private const string Render = """{"min_resolution":512,"output_resolution":512}""";

    private readonly WorkerFixture fixture = WorkerFixture.OnAzurite(new AzuriteFixture());

    public Task InitializeAsync()
    {
        // A crashed worker's partitions and messages come back after 10 s instead of 30 s and 20 s.
        fixture.Settings["Sonic__Worker__PartitionLeaseInterval"] = "00:00:10";
        fixture.Settings["Sonic__Worker__ActivityVisibilityTimeout"] = "00:00:10";
        fixture.Settings["Sonic__Worker__OrchestrationVisibilityTimeout"] = "00:00:10";
        return fixture.InitializeAsync();
    }

    [Theory]
    [InlineData(JobStageNames.Validate)]
    [InlineData(JobStageNames.Preprocess)]
    [InlineData(JobStageNames.Inference)]
    [InlineData(JobStageNames.PostProcess)]
    [InlineData(JobStageNames.Encode)]
    [InlineData(JobStageNames.Publish)]
    public async Task WorkerKilledDuringStage_AndRestarted_JobCompletesWithExactlyOneVideo(string stage)
    {
        var recoveries = new List<double>();
        var attempts = 0;
        while (recoveries.Count < ReliabilityScale.CrashesPerStage)
        {
            Assert.True(++attempts <= ReliabilityScale.CrashesPerStage + 10, $"the {stage} stage was never caught running");
            var stem = Drops.NewStem("crash");
            await fixture.DropAsync(stem, SampleMedia.Portrait, TestMedia.ShortSpeech, Render);
            if (!await KillDuringAsync(stem, stage))
            {
                continue; // the stage went by between two looks; the job finished normally
            }

            var restarted = Stopwatch.StartNew();
            await fixture.StartWorkerAsync();
            var ended = await fixture.WaitForEndAsync(stem, TimeSpan.FromSeconds(240));
            recoveries.Add(restarted.Elapsed.TotalSeconds);
            Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{stage}: {ended.RuntimeStatus}: {OrchestrationFailures.MessageOf(ended)}\n{fixture.Worker.OutputTail}");
            Assert.Single(await fixture.InstancesAsync(stem));
            Assert.Single(await fixture.VideosAsync(ended.InstanceId));
            Assert.Contains("\"completed\"", await fixture.ResultJsonAsync(stem), StringComparison.Ordinal);
        }

        ReliabilityScale.Report(string.Create(CultureInfo.InvariantCulture,
            $"crash during {stage}: {recoveries.Count} of {recoveries.Count} completed with one video; restart to completion {recoveries.Average():0.0} s mean, {recoveries.Max():0.0} s max"));
    }

    public Task DisposeAsync() => fixture.DisposeAsync();

    /// <summary>Watches the job's status closely and kills the worker the moment it says <paramref name="stage"/>.</summary>
    private async Task<bool> KillDuringAsync(string stem, string stage)
    {
        var marker = $"\"stage\":\"{stage}\"";
        var id = (await fixture.WaitForAsync(stem, _ => true, "the job to start")).InstanceId;
        var deadline = DateTime.UtcNow + Drops.JobTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var status = await fixture.Durable.GetInstanceAsync(id, getInputsAndOutputs: false);
            if (status?.SerializedCustomStatus?.Contains(marker, StringComparison.Ordinal) == true)
            {
                fixture.KillWorker();
                return true;
            }

            if (status?.IsCompleted == true)
            {
                return false;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{stem} never reached {stage}.\n{fixture.Worker.OutputTail}");
    }
}
