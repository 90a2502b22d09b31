using System.Reflection;
using System.Text.Json;
using Sonic.Api;
using Sonic.Api.Studio;
using Sonic.Functions.Tests.Support;
using Sonic.Orchestration;

namespace Sonic.Functions.Tests.Metadata;

/// <summary>
/// The <c>functions.metadata</c> the Worker SDK generated into the app's output: what the Functions host would index
/// (Core Tools cannot run here, so this file is the deployable contract).
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string[] Activities =
    [
        OrchestrationNames.SynthesizeSpeech, OrchestrationNames.ValidateJob, OrchestrationNames.PreprocessJob, OrchestrationNames.RunInference,
        OrchestrationNames.GetInferencePlan, OrchestrationNames.SubmitInference, OrchestrationNames.PollInference,
        OrchestrationNames.PostProcessJob, OrchestrationNames.EncodeVideo, OrchestrationNames.PublishVideo,
        OrchestrationNames.WriteJobResult, OrchestrationNames.SendWebhook, OrchestrationNames.WriteBatchResult,
        OrchestrationNames.PrepareBatchFace, OrchestrationNames.StartWebhook,
    ];

    private static readonly string[] Orchestrators =
        [OrchestrationNames.RenderVideo, OrchestrationNames.DeliverWebhook, OrchestrationNames.RenderBatch];

    private static readonly Lazy<Dictionary<string, JsonElement>> Functions = new(Load);

    [Fact]
    public void Metadata_ListsExactlyTheOrchestrationActivitiesBlobTriggerAndApi()
    {
        string[] expected =
        [
            .. Orchestrators, .. Activities, "DispatchUpload", "CreateVideo", "ListVideos", "GetVideo", "CancelVideo",
            "CreateBatch", "GetBatch", "CancelBatch", "GetParameters", "LocateFace", "Studio", "VerifyVideo",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Functions.Value.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Metadata_BlobTrigger_IsEventGridSourcedOnUploadsWithoutDownloadingTheBlob()
    {
        var trigger = Trigger(Functions.Value["DispatchUpload"]);
        Assert.Equal("blobTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("uploads/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("SonicStorage", trigger.GetProperty("connection").GetString());

        // Bound as a BlobClient (SDK type, deferred binding): the worker never receives the blob's bytes.
        Assert.Equal("True", trigger.GetProperty("properties").GetProperty("supportsDeferredBinding").GetString());
        Assert.Contains(Bindings(Functions.Value["DispatchUpload"]), b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Theory]
    [InlineData(OrchestrationNames.RenderVideo)]
    [InlineData(OrchestrationNames.DeliverWebhook)]
    [InlineData(OrchestrationNames.RenderBatch)]
    public void Metadata_Orchestrator_HasOrchestrationTrigger(string name)
    {
        var function = Functions.Value[name];
        Assert.Equal("orchestrationTrigger", Assert.Single(Bindings(function)).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(OrchestrationNames.SynthesizeSpeech)]
    [InlineData(OrchestrationNames.ValidateJob)]
    [InlineData(OrchestrationNames.PreprocessJob)]
    [InlineData(OrchestrationNames.RunInference)]
    [InlineData(OrchestrationNames.GetInferencePlan)]
    [InlineData(OrchestrationNames.SubmitInference)]
    [InlineData(OrchestrationNames.PollInference)]
    [InlineData(OrchestrationNames.PostProcessJob)]
    [InlineData(OrchestrationNames.EncodeVideo)]
    [InlineData(OrchestrationNames.PublishVideo)]
    [InlineData(OrchestrationNames.WriteJobResult)]
    [InlineData(OrchestrationNames.SendWebhook)]
    [InlineData(OrchestrationNames.WriteBatchResult)]
    [InlineData(OrchestrationNames.PrepareBatchFace)]
    public void Metadata_Activity_HasOnlyAnActivityTrigger(string name)
    {
        var binding = Assert.Single(Bindings(Functions.Value[name]));
        Assert.Equal("activityTrigger", binding.GetProperty("type").GetString());
    }

    [Fact]
    public void Metadata_StartWebhook_IsAnActivityWithTheTaskHubClient()
    {
        var types = Bindings(Functions.Value[OrchestrationNames.StartWebhook]).Select(b => b.GetProperty("type").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["activityTrigger", "durableClient"], types);
    }

    [Theory]
    [InlineData("CreateVideo", "post", "videos")]
    [InlineData("ListVideos", "get", "videos")]
    [InlineData("GetVideo", "get", "videos/{id}")]
    [InlineData("CancelVideo", "delete", "videos/{id}")]
    [InlineData("CreateBatch", "post", "batches")]
    [InlineData("GetBatch", "get", "batches/{id}")]
    [InlineData("CancelBatch", "delete", "batches/{id}")]
    public void Metadata_HttpFunction_HasFunctionKeyMethodRouteAndDurableClient(string name, string method, string route)
    {
        var function = Functions.Value[name];
        var trigger = Trigger(function);
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Contains(Bindings(function), b => b.GetProperty("type").GetString() == "durableClient");
        Assert.Contains(Bindings(function), b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
    }

    [Theory]
    [InlineData("GetParameters", "get", "parameters", "Function")]
    [InlineData("LocateFace", "post", "faces", "Function")]
    [InlineData("VerifyVideo", "post", "verify", "Function")]
    [InlineData("Studio", "get", "studio/{*file}", "Anonymous")] // static files without data: the page asks for the key
    public void Metadata_StudioFunction_HasItsMethodRouteAndAuthLevel(string name, string method, string route, string authLevel)
    {
        var trigger = Trigger(Functions.Value[name]);
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
    }

    [Fact]
    public void Metadata_HttpRoutesBehindTheRoutePrefix_AreTheWorkersApiPaths()
    {
        using var host = FunctionsApp.ReadJson(FunctionsApp.HostJsonPath);
        var prefix = host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString();
        var paths = Functions.Value.Values
            .Select(Trigger)
            .Where(t => t.GetProperty("type").GetString() == "httpTrigger")
            .Select(t => $"/{prefix}/{t.GetProperty("route").GetString()}")
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(
            new[]
            {
                VideoApiRoutes.Videos, VideoApiRoutes.Videos + "/{id}", VideoApiRoutes.Batches, VideoApiRoutes.Batches + "/{id}",
                VideoApiRoutes.Parameters, VideoApiRoutes.Faces, VideoApiRoutes.Verify, StudioFiles.Path + "{*file}",
            }.ToHashSet(StringComparer.Ordinal),
            paths);
    }

    [Fact]
    public void Metadata_EveryEntryPoint_IsAMethodOfTheBuiltFunctionsAssembly()
    {
        foreach (var (name, function) in Functions.Value)
        {
            Assert.Equal("Sonic.Functions.dll", function.GetProperty("scriptFile").GetString());
            var entryPoint = function.GetProperty("entryPoint").GetString()!;
            var split = entryPoint.LastIndexOf('.');
            var type = FunctionsApp.Assembly.GetType(entryPoint[..split], throwOnError: false);
            Assert.True(type is not null, $"{name}: type of {entryPoint} not found");
            var method = type.GetMethod(entryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
            Assert.True(method is not null, $"{name}: {entryPoint} not found");
            Assert.Equal(name, method.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>()!.Name);
        }
    }

    [Fact]
    public void Output_HoldsHostJsonFromTheRepositoryRootAndTheExtensionList()
    {
        var copied = Path.Combine(FunctionsApp.OutputFolder, "host.json");
        Assert.True(File.Exists(copied), copied);
        Assert.Equal(File.ReadAllText(FunctionsApp.HostJsonPath), File.ReadAllText(copied));
        Assert.True(File.Exists(Path.Combine(FunctionsApp.OutputFolder, "extensions.json")), "the host-side extension bundle list is missing");
    }

    private static JsonElement Trigger(JsonElement function) =>
        Assert.Single(Bindings(function), b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static List<JsonElement> Bindings(JsonElement function) => function.GetProperty("bindings").EnumerateArray().ToList();

    private static Dictionary<string, JsonElement> Load()
    {
        using var document = FunctionsApp.ReadJson(Path.Combine(FunctionsApp.OutputFolder, "functions.metadata"));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone(), StringComparer.Ordinal);
    }
}
