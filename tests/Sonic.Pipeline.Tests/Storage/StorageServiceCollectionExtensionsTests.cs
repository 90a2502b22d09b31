using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData("LocalRoot", "/tmp/sonic-storage-di", typeof(FileSystemArtifactStore))]
    [InlineData("ConnectionString", "UseDevelopmentStorage=true", typeof(BlobArtifactStore))]
    [InlineData("ServiceUri", "https://account.blob.core.windows.net", typeof(BlobArtifactStore))]
    public void AddSonicStorage_OneKindConfigured_RegistersThatStoreAndThePublisher(string key, string value, Type expected)
    {
        using var provider = Build(new() { [$"Sonic:Storage:{key}"] = value });

        Assert.IsType(expected, provider.GetRequiredService<IArtifactStore>());
        Assert.IsType<VideoPublisher>(provider.GetRequiredService<IVideoPublisher>());
        Assert.Same(provider.GetRequiredService<IArtifactStore>(), provider.GetRequiredService<IArtifactStore>());
    }

    [Fact]
    public void AddSonicStorage_NothingConfigured_FailsValidationNamingTheKeys()
    {
        using var provider = Build([]);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IArtifactStore>());
        Assert.Contains("Sonic:Storage:LocalRoot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSonicStorage_TwoKindsConfigured_FailsValidation()
    {
        using var provider = Build(new()
        {
            ["Sonic:Storage:LocalRoot"] = "/tmp/x",
            ["Sonic:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains("(2 are set)", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSonicStorage(configuration);
        return services.BuildServiceProvider();
    }
}
