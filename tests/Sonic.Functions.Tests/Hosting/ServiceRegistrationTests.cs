using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Functions.Api;
using Sonic.Functions.Hosting;
using Sonic.Functions.Rendering;
using Sonic.Functions.Uploads;
using Sonic.Testing;

namespace Sonic.Functions.Tests.Hosting;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void AddSonicFunctions_ValidatedContainer_CreatesEveryFunctionClass()
    {
        var root = TestPaths.NewTempFolder("sonic-func-di");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Sonic:Storage:LocalRoot"] = root })
                .Build();
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            services.AddSonicFunctions(configuration);

            // What the Functions host does in Development: every registration must resolve, scopes must be respected.
            using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            using var scope = provider.CreateScope();
            foreach (var type in new[] { typeof(RenderActivityFunctions), typeof(VideoApiFunctions), typeof(UploadBlobFunction) })
            {
                Assert.IsType(type, ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
            }

            Assert.Contains(provider.GetServices<IHostedService>(), s => s is ArtifactContainersInitializer);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
