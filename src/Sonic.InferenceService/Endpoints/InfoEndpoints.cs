using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Sonic.InferenceService.Devices;
using Sonic.InferenceService.Hosting;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Models;

namespace Sonic.InferenceService.Endpoints;

public static class InfoEndpoints
{
    /// <summary>
    /// <c>GET /v1/info</c>: the models this service can run (builtin always; sonic when its folder verified) and the
    /// default, the execution provider of the default model, the device and versions.
    /// </summary>
    public static IEndpointRouteBuilder MapInfoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/info", (AnimatorCatalog animators, IOptions<InferenceServerOptions> options) =>
        {
            var models = animators.AvailableModels.Select(name => (Name: name, animators.Resolve(name).Info)).ToList();
            var info = models[0].Info; // the default model comes first
            var versions = new Dictionary<string, string>
            {
                ["service"] = Version(typeof(InfoEndpoints).Assembly),
                ["onnxruntime"] = OrtEnv.Instance().GetVersionString(),
                ["dotnet"] = RuntimeInformation.FrameworkDescription,
            };
            return Results.Ok(new InferenceServiceInfo(
                [.. models.Select(m => new InferenceModelInfo(m.Name, m.Info.Description, m.Info.IsSonic))],
                info.ExecutionProvider,
                DeviceName.Describe(info.ExecutionProvider),
                versions,
                options.Value.MaxConcurrentJobs,
                options.Value.QueueCapacity,
                animators.DefaultModel));
        });
        return endpoints;
    }

    private static string Version(Assembly assembly)
        => assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "unknown";
}
