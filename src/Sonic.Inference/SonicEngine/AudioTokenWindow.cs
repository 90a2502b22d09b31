namespace Sonic.Inference.SonicEngine;

/// <summary>
/// A per-frame slice of Whisper tokens. Frame i takes tokens [4i − <see cref="FrontPadding"/>, 4i − FrontPadding + Length)
/// of the states after padding with zeros (FrontPadding in front, BackPadding behind); indices outside [0, tokens)
/// read zeros. Upstream: Sonic <c>sonic.py</c> (the 10-token window for audio2token, the 50-token one for audio2bucket).
/// </summary>
public sealed record AudioTokenWindow(int FrontPadding, int BackPadding, int Length)
{
    public const int TokensPerFrame = 4;

    /// <summary>All five hidden-state layers, [4i−4, 4i+6) → audio2token.</summary>
    public static AudioTokenWindow Token { get; } = new(4, 6, 10);

    /// <summary>Last-layer states only, [4i−24, 4i+26) → audio2bucket.</summary>
    public static AudioTokenWindow Bucket { get; } = new(24, 26, 50);

    /// <summary>The first (unpadded) token index frame <paramref name="frame"/> reads; may be negative.</summary>
    public int Start(int frame) => (TokensPerFrame * frame) - FrontPadding;

    /// <summary>
    /// Copies frame <paramref name="frame"/>'s window out of <paramref name="states"/> ([tokens, tokenSize] row-major)
    /// into <paramref name="destination"/> ([Length, tokenSize]), writing zeros where the window leaves the states.
    /// </summary>
    public void Gather(ReadOnlySpan<float> states, int tokens, int tokenSize, int frame, Span<float> destination)
    {
        if (destination.Length != Length * tokenSize)
        {
            throw new ArgumentException("Destination must hold exactly one window.", nameof(destination));
        }

        var start = Start(frame);
        for (var j = 0; j < Length; j++)
        {
            var token = start + j;
            var target = destination.Slice(j * tokenSize, tokenSize);
            if (token < 0 || token >= tokens)
            {
                target.Clear();
            }
            else
            {
                states.Slice(token * tokenSize, tokenSize).CopyTo(target);
            }
        }
    }
}
