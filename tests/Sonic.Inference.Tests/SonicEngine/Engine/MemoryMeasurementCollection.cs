namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>Tests that measure the process's live heap run with no other test class beside them.</summary>
[CollectionDefinition(SonicStreamingTests.Collection, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection;
