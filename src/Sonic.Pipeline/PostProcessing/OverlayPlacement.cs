namespace Sonic.Pipeline.PostProcessing;

/// <summary>Where a <see cref="WatermarkOverlay"/> sits in the frame.</summary>
public enum OverlayPlacement
{
    BottomRight,
    TopLeft,
    Center,
}
