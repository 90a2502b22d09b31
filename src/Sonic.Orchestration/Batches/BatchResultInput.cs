namespace Sonic.Orchestration.Batches;

/// <summary>The input of <see cref="WriteBatchResultActivity"/>: <c>results/{stem}.batch.json</c> and what goes in it.</summary>
public sealed record BatchResultInput(string Stem, BatchStatus Status);
