using DurableTask.Core;

namespace Sonic.Worker.Durable;

/// <summary>
/// The Durable Task Framework looks orchestrations and activities up by name through this interface; ours come from
/// the SDK's task factory (the registrations of <c>AddSonicRenderTasks</c>) wrapped in the SDK's public shims, one
/// fresh object per work item, so nothing is registered twice.
/// </summary>
internal sealed class FactoryObjectManager<T>(Func<string, T?> create) : INameVersionObjectManager<T>
    where T : class
{
    public void Add(ObjectCreator<T> creator) =>
        throw new NotSupportedException("Tasks are registered on the Durable Task SDK's registry (AddSonicRenderTasks), not here.");

    /// <summary>Null for an unknown name: the dispatcher then fails that work item with a "not found" error.</summary>
    public T? GetObject(string name, string? version) => create(name);
}
