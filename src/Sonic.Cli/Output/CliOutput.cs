namespace Sonic.Cli;

/// <summary>Where the CLI writes: results on <see cref="Out"/>, progress and errors on <see cref="Error"/>.</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Error);
