using Sonic.Inference.SonicEngine;

namespace Sonic.Pipeline.Models;

/// <summary>
/// What this host knows about its Sonic folder: none configured (<see cref="Directory"/> null), verified
/// (<see cref="Report"/> valid), or unusable (<see cref="Problem"/>: the verifier's one sentence).
/// </summary>
public sealed record SonicModelStatus(string? Directory, SonicModelReport? Report, string? Problem)
{
    public bool IsConfigured => Directory is not null;

    public bool IsAvailable => Report is { IsValid: true } && Problem is null;
}
