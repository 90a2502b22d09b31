using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Sonic.Functions.Tests.Support;

/// <summary>
/// Runs one of the Functions app's <c>[ActivityTrigger]</c> methods as a Durable Task activity, the way the Functions
/// worker would: the function class is created from the container, the trigger parameter gets the input.
/// </summary>
internal sealed class FunctionActivity(MethodInfo method, IServiceProvider services) : ITaskActivity
{
    public Type InputType => Trigger(method).ParameterType;

    public Type OutputType => method.ReturnType.GetGenericArguments().Single();

    public static ParameterInfo Trigger(MethodInfo method) =>
        method.GetParameters().Single(p => p.IsDefined(typeof(ActivityTriggerAttribute)));

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var arguments = method.GetParameters()
            .Select(p => p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
                : p.IsDefined(typeof(ActivityTriggerAttribute)) ? input
                : throw new InvalidOperationException($"{method.Name} has a parameter the test host cannot bind: {p.Name}."))
            .ToArray();
        var task = (Task)method.Invoke(target, arguments)!;
        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
    }
}
