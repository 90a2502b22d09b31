namespace Sonic.Inference.SonicEngine;

/// <summary>
/// What the verifier found for one contract file: status, the dtype it runs in, every problem, and the crop side its
/// spatial dimensions are fixed to (null when they are free), and for the audio networks the batch they are fixed to.
/// </summary>
public sealed record ModelFileReport(string FileName, ModelFileStatus Status, string? Dtype, IReadOnlyList<string> Problems, int? FixedSide = null, int? FixedBatch = null);
