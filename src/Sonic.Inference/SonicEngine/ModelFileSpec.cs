namespace Sonic.Inference.SonicEngine;

/// <summary>One file of the Sonic model folder and the tensors it must expose.</summary>
public sealed record ModelFileSpec(string FileName, bool Required, IReadOnlyList<ModelTensorSpec> Inputs, IReadOnlyList<ModelTensorSpec> Outputs);
