namespace Sonic.Inference.Animation;

/// <summary>What an animator does with a crop size its model cannot render.</summary>
public enum CropSizePolicy
{
    /// <summary>The user did not choose the size: render at the nearest size the model supports, silently.</summary>
    Adapt,

    /// <summary>The user chose the size: render at the nearest supported size and say so in the result's warnings.</summary>
    AdaptAndWarn,

    /// <summary>The user chose the size in strict mode: refuse the job with <c>resolution_unsupported</c>, before any GPU work.</summary>
    Strict,
}
