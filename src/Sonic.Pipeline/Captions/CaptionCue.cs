namespace Sonic.Pipeline.Captions;

/// <summary>One caption on screen: from <see cref="Start"/> to <see cref="End"/> seconds, one or two lines of text.</summary>
public sealed record CaptionCue(double Start, double End, IReadOnlyList<string> Lines);
