using Sonic.Media.Video;

namespace Sonic.Pipeline.Rendering;

/// <summary>What <see cref="PasteBackEncoder"/> produced and where the time went (seconds of wall clock).</summary>
public sealed record PasteBackEncodeResult(VideoEncodeResult Encode, double SourceSeconds, double CompositeSeconds, double EncodeSeconds);
