using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Sonic.Orchestration.Inference;

namespace Sonic.Orchestration.Activities;

/// <summary>Reads <see cref="InferenceServiceOptions"/> into history: in process, or submit + poll the service.</summary>
public sealed class GetInferencePlanActivity(IOptions<InferenceServiceOptions> options) : TaskActivity<string, InferencePlan>
{
    public override Task<InferencePlan> RunAsync(TaskActivityContext context, string input)
        => Task.FromResult(Plan());

    /// <summary>The body every host runs (the Functions app calls it from its activity function).</summary>
    public InferencePlan Plan() => InferencePlan.From(options.Value);
}
