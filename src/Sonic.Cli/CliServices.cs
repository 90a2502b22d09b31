using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sonic.Cli.Output;
using Sonic.Pipeline;
using Sonic.Pipeline.Hosting;
using Sonic.Pipeline.Models;

namespace Sonic.Cli;

/// <summary>
/// The CLI's container: configuration from SONIC__* environment variables (e.g. <c>Sonic__Models__SonicDirectory</c>),
/// then <paramref name="sonicModelDirectory"/> (<c>--model-dir</c>) over them for this run; logs on stderr. Every setting
/// is bound and validated before the container is returned.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Build(bool verbose, TextWriter logWriter, string? sonicModelDirectory = null)
    {
        var overrides = new Dictionary<string, string?>();
        if (sonicModelDirectory is not null)
        {
            overrides[$"{SonicModelOptions.SectionName}:{nameof(SonicModelOptions.SonicDirectory)}"] = sonicModelDirectory;
        }

        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("SONIC_CLI__")
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            // Warnings that matter to the user (e.g. a small face) are printed with the result; logs are for --verbose.
            logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Error);
            logging.AddProvider(new TextWriterLoggerProvider(logWriter));
            if (sonicModelDirectory is not null && !verbose)
            {
                // With --model-dir a broken folder is the command's own error line; the catalog's log would repeat it.
                logging.AddFilter(typeof(AnimatorCatalog).FullName, LogLevel.None);
            }
        });
        services.AddSonicPipeline(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            // A bad Sonic__… variable is the command's error line before any work, not a failure halfway through.
            SonicHost.ValidateSettings(provider);
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }
}
