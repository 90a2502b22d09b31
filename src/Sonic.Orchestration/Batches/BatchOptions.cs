using System.ComponentModel.DataAnnotations;

namespace Sonic.Orchestration.Batches;

/// <summary>Settings of batches, bound from <c>Sonic:Batches</c>.</summary>
public sealed class BatchOptions
{
    public const string SectionName = "Sonic:Batches";

    /// <summary>Items of one batch rendering at the same time (each is a whole job: one GPU call, one encode).</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>The most items one batch may have.</summary>
    [Range(1, 10_000)]
    public int MaxItems { get; set; } = 500;
}
