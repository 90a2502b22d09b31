namespace Sonic.Inference.Animation.Mesh;

/// <summary>
/// One frame's articulation: <see cref="JawOpen"/> and <see cref="LipOpen"/> as fractions of the face height (the
/// chin and lower lip drop, the upper lip lifts a little), <see cref="Blink"/> 0 (open) to 1 (closed).
/// </summary>
public readonly record struct FaceRigPose(float JawOpen, float LipOpen, float Blink);
