namespace Sonic.Inference.Animation.Mesh;

/// <summary>
/// One frame's articulation: <see cref="JawOpen"/> and <see cref="LipOpen"/> as fractions of the face height (the
/// chin and lower lip drop, the upper lip lifts a little), <see cref="Spread"/> from −1 (rounded, /u/ /o/) to 1
/// (spread, /i/ /e/), <see cref="Blink"/> 0 (open) to 1 (closed), <see cref="Brow"/> 0 (rest) to 1 (raised), and the
/// head's <see cref="Roll"/> (radians) and shift (pixels), which the ring around the face absorbs.
/// </summary>
public readonly record struct FaceRigPose(float JawOpen, float LipOpen, float Blink, float Roll = 0, float ShiftX = 0, float ShiftY = 0, float Spread = 0, float Brow = 0);
