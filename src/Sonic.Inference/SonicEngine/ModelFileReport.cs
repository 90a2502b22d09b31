namespace Sonic.Inference.SonicEngine;

/// <summary>What the verifier found for one contract file: status, the dtype it runs in, and every problem.</summary>
public sealed record ModelFileReport(string FileName, ModelFileStatus Status, string? Dtype, IReadOnlyList<string> Problems);
