using System.Runtime.CompilerServices;

// The animator tests check the graph's internals (layouts, control generators) directly; the pipeline and service
// tests build the Sonic engine's arithmetic stand-in models with the same graph builder.
[assembly: InternalsVisibleTo("Sonic.Inference.Tests")]
[assembly: InternalsVisibleTo("Sonic.Pipeline.Tests")]
[assembly: InternalsVisibleTo("Sonic.InferenceService.Tests")]
