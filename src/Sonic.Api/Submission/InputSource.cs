namespace Sonic.Api.Submission;

/// <summary>
/// One input half: <see cref="Location"/> is a local path, a blob name or a URL depending on <see cref="Kind"/>;
/// <see cref="OriginalName"/> is the name the client gave it (its stem becomes the default download name).
/// </summary>
public sealed record InputSource(InputKind Kind, string Location, string? OriginalName)
{
    public string? NameStem
    {
        get
        {
            var name = OriginalName is null ? null : Path.GetFileNameWithoutExtension(OriginalName.Replace('\\', '/').Split('/')[^1]);
            return string.IsNullOrWhiteSpace(name) ? null : name;
        }
    }
}
