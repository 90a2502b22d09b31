using Sonic.Media.Speech;
using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Rendering;

/// <summary>
/// One in-process render: two input files, where the MP4 goes, and the user's parameters; <see cref="Words"/> are
/// the recording's word timings when it was synthesised from a script (captions are made from them).
/// </summary>
public sealed record RenderRequest(
    string ImagePath, string AudioPath, string OutputPath, RenderParameters Parameters, IReadOnlyList<WordTiming>? Words = null);
