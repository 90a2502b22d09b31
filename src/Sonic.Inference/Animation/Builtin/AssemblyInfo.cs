using System.Runtime.CompilerServices;

// The animator tests check the graph's internals (layouts, control generators) directly.
[assembly: InternalsVisibleTo("Sonic.Inference.Tests")]
