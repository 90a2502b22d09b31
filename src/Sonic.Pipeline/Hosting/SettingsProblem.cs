using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Sonic.Pipeline.Hosting;

/// <summary>
/// A setting that is missing or unusable, recovered from what the options machinery throws: an
/// <see cref="OptionsValidationException"/> (data annotations, <c>IValidatableObject</c>) or ConfigurationBinder's
/// <see cref="InvalidOperationException"/> for a value it cannot convert ('abc' for a number).
/// <see cref="Setting"/> is a configuration path, a whole section when the problem involves several of its keys.
/// </summary>
public sealed partial record SettingsProblem(string Setting, bool IsSection, string Problem)
{
    /// <summary>The setting as an environment variable: <c>Sonic__Storage__ConnectionString</c>, or <c>Sonic__Storage__*</c>.</summary>
    public string EnvironmentVariable => Setting.Replace(":", "__", StringComparison.Ordinal) + (IsSection ? "__*" : string.Empty);

    /// <summary>
    /// All settings problems in <paramref name="exception"/> and the exceptions it wraps, as one line naming each setting
    /// in both spellings and what is wrong; null when the exception is about something else.
    /// </summary>
    public static string? Describe(Exception exception)
    {
        var problems = Find(exception).Distinct().ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems.Select(p => p.ToString())).ReplaceLineEndings(" ");
    }

    public static IEnumerable<SettingsProblem> Find(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Flatten(exception).SelectMany(e => e switch
        {
            OptionsValidationException validation => validation.Failures.Select(f => FromValidation(validation.OptionsType, f)),
            InvalidOperationException when BinderFailure().Match(e.Message) is { Success: true } match => [FromBinder(match)],
            _ => [],
        });
    }

    public override string ToString()
        => $"{Setting} ({(IsSection ? "environment variables" : "environment variable")} {EnvironmentVariable}): {Problem}";

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        IEnumerable<Exception> inner = exception is AggregateException aggregate ? aggregate.InnerExceptions
            : exception.InnerException is { } one ? [one] : [];
        foreach (var nested in inner.SelectMany(Flatten))
        {
            yield return nested;
        }
    }

    private static SettingsProblem FromValidation(Type optionsType, string failure)
    {
        // Every Sonic options class names its section in a SectionName constant (e.g. StorageOptions.SectionName).
        var section = optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
            ?? optionsType.Name;
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success)
        {
            return new SettingsProblem(section, IsSection: true, failure);
        }

        var members = match.Groups["members"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var problem = match.Groups["error"].Value;
        return members.Length == 1
            ? new SettingsProblem($"{section}:{members[0]}", IsSection: false, problem)
            : new SettingsProblem(section, IsSection: true, problem);
    }

    private static SettingsProblem FromBinder(Match match)
    {
        var value = match.Groups["value"].Success ? $"'{match.Groups["value"].Value}'" : "the value";
        return new SettingsProblem(match.Groups["path"].Value, IsSection: false, $"{value} is not {Expected(match.Groups["type"].Value)}.");
    }

    private static string Expected(string typeName) => typeName switch
    {
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Int32" or "System.Int64" or "System.Int16" or "System.UInt32" or "System.UInt64" or "System.UInt16" or "System.Byte" => "a whole number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration such as 00:00:30",
        "System.Uri" => "a URI",
        _ => EnumType(typeName) is { } type ? "one of " + string.Join(", ", Enum.GetNames(type)) : $"a valid {typeName.Split('.')[^1]}",
    };

    private static Type? EnumType(string typeName)
        => AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is { IsEnum: true });

    // Microsoft.Extensions.Options.DataAnnotations' wording, stable since .NET 6.
    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    // ConfigurationBinder's wording; the value was added in .NET 8, hence optional.
    [GeneratedRegex(@"^Failed to convert configuration value (?:'(?<value>.*)' )?at '(?<path>[^']+)' to type '(?<type>[^']+)'\.", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}
