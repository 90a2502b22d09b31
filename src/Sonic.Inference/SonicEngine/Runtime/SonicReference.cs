namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// What the portrait contributes to every UNet call: the CLIP image embedding [1024], the VAE posterior mean of the
/// crop [4,h,w] (unscaled: the UNet's image-latent channels; ×0.18215 only for the initial latents), and the face
/// mask [1,1,S,S] (face box ×1.1, 0/1) in the UNet's element type.
/// </summary>
internal sealed class SonicReference(int size, float[] clipEmbeds, float[] imageLatent, HostTensor faceMask) : IDisposable
{
    public const float LatentScale = 0.18215f;
    public const int LatentChannels = 4;
    public const int Downscale = 8;

    public int Size { get; } = size;

    public int LatentSide => Size / Downscale;

    public int LatentValues => LatentChannels * LatentSide * LatentSide;

    public float[] ClipEmbeds { get; } = clipEmbeds;

    public float[] ImageLatent { get; } = imageLatent;

    public HostTensor FaceMask { get; } = faceMask;

    public void Dispose() => FaceMask.Dispose();
}
