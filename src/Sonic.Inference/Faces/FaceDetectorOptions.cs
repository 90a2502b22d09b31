namespace Sonic.Inference.Faces;

/// <summary>Configuration of the BlazeFace detector (section <c>Sonic:FaceDetector</c> when bound).</summary>
public sealed class FaceDetectorOptions
{
    public const string SectionName = "Sonic:FaceDetector";

    /// <summary>
    /// Path of <c>face_detection_back_256x256_barracuda.onnx</c>. When empty, <see cref="BlazeFaceModelLocator"/>
    /// looks at <c>SONIC_FACE_MODEL</c> and then for the copy <c>scripts/setup.sh</c> installs under <c>.tools/</c>.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// Lowest sigmoid score kept. MediaPipe and upstream Sonic's YOLO detector use 0.5, but on the sample QR-code
    /// screenshot BlazeFace scores dots at 0.49, too close to call; real faces here score 0.74–0.93 (cartoon 0.74),
    /// so 0.6 keeps a margin on both sides.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0.05, 0.99)]
    public float ScoreThreshold { get; set; } = 0.6f;

    /// <summary>Overlap above which two candidates are one face (MediaPipe's and the Unity package's 0.3).</summary>
    public float IouThreshold { get; set; } = 0.3f;

    /// <summary>Try the CUDA execution provider first; CPU is always the fallback.</summary>
    public bool PreferCuda { get; set; } = true;

    /// <summary>ONNX Runtime intra-op threads; 0 lets ORT choose. A 256×256 detector needs few.</summary>
    public int IntraOpThreads { get; set; } = 2;
}
