using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Sonic.Functions.Rendering;
using Sonic.Orchestration;
using Sonic.Pipeline.Jobs;

namespace Sonic.Functions.Tests.Support;

internal static class FunctionsTaskRegistry
{
    /// <summary>Every <c>[Function]</c> with an <c>[ActivityTrigger]</c> in the Functions app, by its function name.</summary>
    public static IEnumerable<(string Name, MethodInfo Method)> ActivityFunctions() =>
        from type in FunctionsApp.Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null && method.GetParameters().Any(p => p.IsDefined(typeof(ActivityTriggerAttribute)))
        select (function.Name, method);

    /// <summary>
    /// Registers the Functions app's own orchestrator and activity functions (not the shared registrations), so the
    /// in-memory backend runs exactly what the Functions worker would invoke.
    /// </summary>
    public static DurableTaskRegistry AddFunctionsAppTasks(this DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<JobRequest, JobOutcome>(OrchestrationNames.RenderVideo, (context, _) => RenderVideoFunction.RunAsync(context));
        foreach (var (name, method) in ActivityFunctions())
        {
            registry.AddActivity(name, services => new FunctionActivity(method, services));
        }

        return registry;
    }
}
