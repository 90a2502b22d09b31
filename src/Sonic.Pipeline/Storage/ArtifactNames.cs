namespace Sonic.Pipeline.Storage;

/// <summary>
/// The naming rules both stores enforce, so a name that works on the file system works in Blob Storage and the
/// other way round: container names as Azure allows them, artifact names of '/'-separated segments with no empty,
/// "." or ".." segment, no backslash, no control characters and no absolute path (path traversal).
/// </summary>
public static class ArtifactNames
{
    /// <summary>Azure's limit on blob name length.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>Throws <see cref="ArgumentException"/> when the container or name breaks the rules.</summary>
    public static void Validate(ArtifactRef artifact)
    {
        ValidateContainer(artifact.Container);
        ValidateName(artifact.Name, nameof(artifact));
    }

    /// <summary>Lower-case letters, digits and single '-' between them, 3 to 63 characters (Azure's container rules).</summary>
    public static void ValidateContainer(string container)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        var valid = container.Length is >= 3 and <= 63
            && container.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && container[0] != '-' && container[^1] != '-'
            && !container.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException($"'{container}' is not a valid container name.", nameof(container));
        }
    }

    public static void ValidateName(string name, string parameterName = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("An artifact name must not be empty.", parameterName);
        }

        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"An artifact name must be at most {MaxNameLength} characters.", parameterName);
        }

        if (name[0] == '/' || Path.IsPathRooted(name) || name.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Artifact name '{name}' must be relative and use '/' as separator.", parameterName);
        }

        if (name.Any(char.IsControl))
        {
            throw new ArgumentException("An artifact name must not contain control characters.", parameterName);
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                throw new ArgumentException($"Artifact name '{name}' has an empty, '.' or '..' segment.", parameterName);
            }
        }
    }
}
