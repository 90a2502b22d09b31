using Sonic.Orchestration.Status;

namespace Sonic.Api;

/// <summary>The API's paths, in one place for the handlers (Location headers) and every host.</summary>
public static class VideoApiRoutes
{
    public const string Videos = StatusPaths.Videos;
    public const string Batches = StatusPaths.Batches;
    public const string Parameters = "/api/parameters";
    public const string Faces = "/api/faces";
    public const string Verify = "/api/verify";

    public static string Video(string pathBase, string id) => StatusPaths.Video(pathBase, id);

    /// <summary>Job ids are ours ("api-…", "up-…"): anything longer or stranger cannot exist, so it is a 404 without a lookup.</summary>
    public static bool IsPlausibleJobId(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
