namespace Sonic.Inference.Animation;

/// <summary>Which side an animator whose model renders only some crop sides renders a crop at.</summary>
public enum CropSizePolicy
{
    /// <summary>
    /// The user chose the size (or the caller did): the crop's own side when the model renders it, else the nearest
    /// side it renders, said in the result's warnings.
    /// </summary>
    Nearest,

    /// <summary>The user did not choose a size: the model's native side, silently (the host may have cropped at its own default).</summary>
    Native,

    /// <summary>The user chose the size in strict mode: refuse a side the model cannot render (<c>resolution_unsupported</c>), before any GPU work.</summary>
    Strict,
}
