using System.ComponentModel.DataAnnotations;

namespace Sonic.Api;

/// <summary>Settings of the HTTP API, bound from <c>Sonic:Api</c>.</summary>
public sealed class VideoApiOptions
{
    public const string SectionName = "Sonic:Api";

    /// <summary>When set, every route requires this value in the <c>x-api-key</c> header. Unset = open (local development).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Largest multipart request body accepted (image + audio + parameters).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest file fetched from an input URL.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxDownloadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Overall time limit for fetching one input URL.</summary>
    [Range(1, 600)]
    public int DownloadTimeoutSeconds { get; set; } = 60;

    /// <summary>Also accept plain <c>http://</c> input URLs. Off by default: inputs come over HTTPS; tests turn it on.</summary>
    public bool AllowHttpInputUrls { get; set; }

    /// <summary>
    /// Also fetch input URLs whose host is loopback, private or link-local. Off by default: the server must not be a
    /// proxy into its own network (cloud metadata, storage emulators); tests and single-machine setups turn it on.
    /// </summary>
    public bool AllowPrivateNetworkInputUrls { get; set; }

    /// <summary>How many jobs <c>GET /api/videos</c> returns when no <c>limit</c> is given.</summary>
    [Range(1, 500)]
    public int DefaultListLimit { get; set; } = 20;

    /// <summary>How far back <c>GET /api/videos</c> looks.</summary>
    [Range(1, 365)]
    public int RecentJobsDays { get; set; } = 7;

    /// <summary>At most this many instances are read from the task hub per list call (the query cannot sort).</summary>
    [Range(10, 100_000)]
    public int MaxScannedInstances { get; set; } = 1000;
}
