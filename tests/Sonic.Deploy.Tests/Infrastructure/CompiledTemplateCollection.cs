namespace Sonic.Deploy.Tests.Infrastructure;

/// <summary>xunit collection of the tests that share one compiled template.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "Compiled Bicep template";
}
