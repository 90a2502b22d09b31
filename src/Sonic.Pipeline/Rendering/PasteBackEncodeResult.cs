using Sonic.Media.Video;
using Sonic.Pipeline.PostProcessing;

namespace Sonic.Pipeline.Rendering;

/// <summary>What <see cref="PasteBackEncoder"/> produced and where the time went (seconds of wall clock); <see cref="Post"/>
/// is what post-processing measured and did (null when none was asked for), its time not part of the others.</summary>
public sealed record PasteBackEncodeResult(VideoEncodeResult Encode, double SourceSeconds, double CompositeSeconds, double EncodeSeconds, PostProcessReport? Post = null);
