namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// A portrait's face preparation as a job copies it: the <see cref="FacePlan"/>, the lossless crop (PNG bytes) and
/// the warnings the image gave. <see cref="Cache"/> says whether it came from the cache (<see cref="FaceCache.Hit"/>),
/// was made now and stored (<see cref="FaceCache.Miss"/>), or the cache is off (<see cref="FaceCache.Off"/>).
/// </summary>
public sealed record PreparedFace(FacePlan Face, IReadOnlyList<string> Warnings, byte[] CropPng, string Cache);
