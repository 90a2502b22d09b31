namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>What validation found: the sanitised download name, the sniffed image format and the input sizes.</summary>
public sealed record ValidatedJob(string FileName, string ImageFormat, long ImageBytes, long AudioBytes);
