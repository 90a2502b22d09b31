using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sonic.Cli.Output;
using Sonic.Pipeline;

namespace Sonic.Cli;

/// <summary>The CLI's container: configuration from SONIC__* environment variables, logs on stderr.</summary>
internal static class CliServices
{
    public static ServiceProvider Build(bool verbose, TextWriter logWriter)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("SONIC_CLI__")
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            // Warnings that matter to the user (e.g. a small face) are printed with the result; logs are for --verbose.
            logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Error);
            logging.AddProvider(new TextWriterLoggerProvider(logWriter));
        });
        services.AddSonicPipeline(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
