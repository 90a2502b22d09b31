using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sonic.Media.Errors;

namespace Sonic.Pipeline.Hosting;

/// <summary>
/// How every Sonic host starts: build, check every setting, map, run. A missing or unusable setting ends the process
/// with one line on stderr (<c>settings_invalid: Sonic:Storage (…): …</c>) and <see cref="SettingsExitCode"/>, instead
/// of the host's start-up failure log and an unhandled exception's stack trace.
/// </summary>
public static class SonicHost
{
    /// <summary>EX_CONFIG of BSD's sysexits.h: a configuration error, told apart from a crash by supervisors and scripts.</summary>
    public const int SettingsExitCode = 78;

    /// <summary>
    /// Builds the host with <paramref name="build"/>, validates its settings, then calls <paramref name="map"/> (after
    /// validation, so nothing it logs precedes the error line) and runs the host until it stops.
    /// </summary>
    public static async Task<int> RunAsync<THost>(Func<THost> build, Action<THost>? map = null, TextWriter? error = null)
        where THost : class, IHost
    {
        ArgumentNullException.ThrowIfNull(build);

        // Logs and the error line name blobs and files as they are (already so on Linux; a Windows console uses its code page).
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        THost? host = null;
        try
        {
            host = build();
            ValidateSettings(host.Services);
            map?.Invoke(host);
        }
        catch (Exception exception) when (SettingsProblem.Describe(exception) is { } problem)
        {
            host?.Dispose();
            await (error ?? Console.Error).WriteLineAsync($"{ErrorCodes.SettingsInvalid}: {problem}").ConfigureAwait(false);
            return SettingsExitCode;
        }

        await host.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// Binds and validates, now, every options type registered with <c>ValidateOnStart</c> (all of Sonic's), so a bad
    /// value fails here rather than in the first hosted service or job that reads it.
    /// </summary>
    public static void ValidateSettings(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetService<IStartupValidator>()?.Validate();
    }

    /// <summary>
    /// Binds and validates (data annotations, <c>IValidatableObject</c>) section <paramref name="section"/> now, for the
    /// few settings a host needs before its container exists (Kestrel's endpoints); fails as <c>ValidateOnStart</c> would.
    /// </summary>
    public static TOptions ReadSettings<TOptions>(IConfiguration configuration, string section)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var result = new DataAnnotationValidateOptions<TOptions>(Options.DefaultName).Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures) : options;
    }
}
