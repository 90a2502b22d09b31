using System.Security.Cryptography;
using System.Text;

namespace Sonic.Pipeline.Jobs;

/// <summary>
/// Job ids. For dropped files the id is a hash of the container/names and ETags of the halves (and of the optional
/// parameters file), so any number of notifications for the same upload map to one orchestration instance; a
/// re-upload (new ETag) is a new job. HTTP jobs get a random id.
/// </summary>
public static class JobIds
{
    public static string ForUpload(string stem, params (string Name, string ETag)[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var text = new StringBuilder("uploads\n");
        foreach (var (name, etag) in parts.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(name).Append('\n').Append(etag.Trim('"')).Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..24];
        return $"up-{Slug(stem)}-{hash}";
    }

    public static string NewForHttp() => "api-" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>ASCII letters, digits and '-' only, at most 40 characters: safe in blob paths and instance ids.</summary>
    private static string Slug(string stem)
    {
        var slug = new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return slug.Length == 0 ? "job" : slug[..Math.Min(slug.Length, 40)];
    }
}
