using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sonic.Functions.Tests.Support;
using Sonic.Testing;

namespace Sonic.Functions.Tests.Hosting;

/// <summary>host.json (repository root) and the committed local settings sample: valid JSON with the settings the README explains.</summary>
public sealed partial class HostJsonTests
{
    [Fact]
    public void HostJson_DurableTask_HasAlphanumericHubAndStorageProviderSettingsForLongActivities()
    {
        using var host = FunctionsApp.ReadJson(FunctionsApp.HostJsonPath);
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");

        Assert.Matches(HubName(), durable.GetProperty("hubName").GetString()!);

        // One FFmpeg/ONNX activity per instance (each uses every core); orchestrations only schedule, so more.
        Assert.InRange(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32(), 1, 2);
        Assert.InRange(durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32(), 1, 50);

        var provider = durable.GetProperty("storageProvider");
        Assert.InRange(Span(provider, "maxQueuePollingInterval"), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.InRange(Span(provider, "controlQueueVisibilityTimeout"), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));
        Assert.InRange(Span(provider, "workItemQueueVisibilityTimeout"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));
        Assert.InRange(provider.GetProperty("partitionCount").GetInt32(), 1, 16);
    }

    [Fact]
    public void HostJson_BlobsTimeoutAndLogging_AreSet()
    {
        using var host = FunctionsApp.ReadJson(FunctionsApp.HostJsonPath);
        var root = host.RootElement;
        var blobs = root.GetProperty("extensions").GetProperty("blobs");
        Assert.InRange(blobs.GetProperty("poisonBlobThreshold").GetInt32(), 1, 10);
        Assert.InRange(blobs.GetProperty("maxDegreeOfParallelism").GetInt32(), 1, 32);

        // Flex Consumption allows an unbounded timeout; ours must fit a long render but stop a hung one.
        Assert.InRange(TimeSpan.Parse(root.GetProperty("functionTimeout").GetString()!, CultureInfo.InvariantCulture), TimeSpan.FromMinutes(30), TimeSpan.FromHours(4));

        var levels = root.GetProperty("logging").GetProperty("logLevel");
        string[] known = ["Trace", "Debug", "Information", "Warning", "Error", "Critical", "None"];
        foreach (var category in new[] { "default", "Function", "Host.Triggers.DurableTask", "DurableTask.AzureStorage", "DurableTask.Core" })
        {
            Assert.Contains(levels.GetProperty(category).GetString(), known);
        }
    }

    [Fact]
    public void LocalSettingsSample_PointsEveryConnectionAtAzurite()
    {
        using var sample = FunctionsApp.ReadJson(Path.Combine(TestPaths.RepositoryRoot, "src", "Sonic.Functions", "local.settings.sample.json"));
        var values = sample.RootElement.GetProperty("Values");
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        foreach (var name in new[] { "AzureWebJobsStorage", "SonicStorage", "Sonic__Storage__ConnectionString" })
        {
            Assert.Equal("UseDevelopmentStorage=true", values.GetProperty(name).GetString());
        }
    }

    private static TimeSpan Span(JsonElement parent, string name) =>
        TimeSpan.Parse(parent.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    // Durable Functions task hub names: 3-45 letters or digits, starting with a letter (they prefix queues and tables).
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex HubName();
}
