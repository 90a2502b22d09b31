using Sonic.Media.Video;
using Sonic.Pipeline.PostProcessing;

namespace Sonic.Pipeline.Rendering;

/// <summary>
/// What <see cref="PasteBackEncoder"/> produced and where the time went: <see cref="SourceSeconds"/> is the crop
/// source's own busy time (it runs a frame ahead on its own thread), <see cref="SourceWaitSeconds"/> the part of the
/// wall clock spent waiting for it; waits, composite, post and encode partition the wall clock. <see cref="Post"/> is
/// what post-processing measured and did (null when none was asked for); <see cref="PosterPath"/> the poster JPEG
/// beside the video (null without a face plan, or when it could not be cut).
/// </summary>
public sealed record PasteBackEncodeResult(
    VideoEncodeResult Encode,
    double SourceSeconds,
    double CompositeSeconds,
    double EncodeSeconds,
    PostProcessReport? Post = null,
    double SourceWaitSeconds = 0,
    string? PosterPath = null);
