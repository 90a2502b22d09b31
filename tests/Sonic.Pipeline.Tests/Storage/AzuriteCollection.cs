using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Storage;

/// <summary>One real Azurite and one tiny MP4 for every storage and publishing test; the tests in it run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<TinyMp4>
{
    public const string Name = "Azurite";
}
