namespace Sonic.Orchestration.Status;

/// <summary>The status routes' paths, in one place for the API's Location headers and the webhooks' <c>status_url</c>.</summary>
public static class StatusPaths
{
    public const string Videos = "/api/videos";
    public const string Batches = "/api/batches";

    public static string Video(string pathBase, string id) => $"{pathBase}{Videos}/{Uri.EscapeDataString(id)}";

    public static string Batch(string pathBase, string id) => $"{pathBase}{Batches}/{Uri.EscapeDataString(id)}";
}
