using Sonic.Inference.Onnx.Graphs;

namespace Sonic.Inference.Animation.Builtin;

/// <summary>
/// Per-column terms of the mouth-interior shade (vectors over the crop's columns, except <see cref="RowScale"/>):
/// shade(y, x) = min(max(|y·RowScale − ScaledCentre(x)| + Offset(x), Floor(x)), 1).
/// </summary>
internal readonly record struct MouthInteriorColumns(GraphValue ScaledCentre, GraphValue Offset, GraphValue Floor, GraphValue RowScale);
