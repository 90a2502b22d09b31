using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Rendering;

/// <summary>One in-process render: two input files, where the MP4 goes, and the user's parameters.</summary>
public sealed record RenderRequest(string ImagePath, string AudioPath, string OutputPath, RenderParameters Parameters);
