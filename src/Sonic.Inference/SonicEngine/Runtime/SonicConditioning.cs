namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// Per-Sonic-frame conditioning for one job: audio tokens [N,32,1024] in the UNet's element type (kept in that type so
/// every window is a plain copy), the constant unconditional tokens [1,32,1024] (audio2token of zeros, computed
/// once), and the raw-times-16-plus-16 motion buckets [N,2] (translation, expression).
/// </summary>
internal sealed class SonicConditioning(int frameCount, HostTensor tokens, HostTensor unconditional, float[] buckets) : IDisposable
{
    public const int TokensPerFrame = 32;
    public const int TokenWidth = 1024;
    public const int TokenValues = TokensPerFrame * TokenWidth;

    public int FrameCount { get; } = frameCount;

    public HostTensor Tokens { get; } = tokens;

    public HostTensor Unconditional { get; } = unconditional;

    /// <summary>Row-major [N,2]: bucket translation, bucket expression per Sonic frame.</summary>
    public float[] Buckets { get; } = buckets;

    public void Dispose()
    {
        Tokens.Dispose();
        Unconditional.Dispose();
    }
}
