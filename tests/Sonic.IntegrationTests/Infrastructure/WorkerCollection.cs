namespace Sonic.IntegrationTests.Infrastructure;

/// <summary>One Azurite and one worker process for every test in the collection; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<WorkerFixture>
{
    public const string Name = "worker on Azurite";
}
