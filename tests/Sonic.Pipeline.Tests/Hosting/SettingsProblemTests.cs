using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sonic.Pipeline.Audio;
using Sonic.Pipeline.Hosting;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Tests.Hosting;

/// <summary>What the options machinery throws for a bad setting, turned into one line that names the setting.</summary>
public sealed class SettingsProblemTests
{
    [Theory]
    [InlineData("abc", "Sonic:Audio:MaxDurationSeconds (environment variable Sonic__Audio__MaxDurationSeconds): 'abc' is not a number.")]
    [InlineData("0", "Sonic:Audio:MaxDurationSeconds (environment variable Sonic__Audio__MaxDurationSeconds): The field MaxDurationSeconds must be between 1 and 86400.")]
    public void Describe_BadAudioLimit_NamesTheSettingAndWhatIsWrong(string value, string expected)
    {
        var error = ValidationError(new() { ["Sonic:Storage:LocalRoot"] = "/tmp", ["Sonic:Audio:MaxDurationSeconds"] = value });

        Assert.Equal(expected, SettingsProblem.Describe(error));
    }

    [Fact]
    public void Describe_NoStorage_NamesTheSectionAndItsKeys()
    {
        var line = SettingsProblem.Describe(ValidationError([]));

        Assert.Equal(
            "Sonic:Storage (environment variables Sonic__Storage__*): Configure exactly one of Sonic:Storage:ConnectionString, "
            + "Sonic:Storage:ServiceUri or Sonic:Storage:LocalRoot (none is set).",
            line);
    }

    [Fact]
    public void Describe_TwoBadSettings_NamesBothOnOneLine()
    {
        var line = SettingsProblem.Describe(ValidationError(new() { ["Sonic:Audio:MaxDurationSeconds"] = "0" }));

        Assert.NotNull(line);
        Assert.Contains("Sonic:Storage ", line, StringComparison.Ordinal);
        Assert.Contains("; Sonic:Audio:MaxDurationSeconds ", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Describe_OtherException_IsNull()
        => Assert.Null(SettingsProblem.Describe(new InvalidOperationException("Sequence contains no elements")));

    private static Exception ValidationError(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSonicStorage(configuration);
        services.AddSonicAudio();
        using var provider = services.BuildServiceProvider();
        return Assert.ThrowsAny<Exception>(() => SonicHost.ValidateSettings(provider));
    }
}
