namespace Sonic.Inference.Faces;

/// <summary>Configuration of the BlazeFace detector (section <c>Sonic:FaceDetector</c> when bound).</summary>
public sealed class FaceDetectorOptions
{
    /// <summary>
    /// Path of <c>face_detection_back_256x256_barracuda.onnx</c>. When empty, <see cref="BlazeFaceModelLocator"/>
    /// looks at <c>SONIC_FACE_MODEL</c> and then for the copy <c>scripts/setup.sh</c> installs under <c>.tools/</c>.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// Lowest sigmoid score kept. 0.5 is MediaPipe's <c>min_score_thresh</c> for BlazeFace and the value upstream
    /// Sonic's YOLO face detector uses (<c>confThreshold=0.5</c>).
    /// </summary>
    public float ScoreThreshold { get; set; } = 0.5f;

    /// <summary>Overlap above which two candidates are one face (MediaPipe's and the Unity package's 0.3).</summary>
    public float IouThreshold { get; set; } = 0.3f;

    /// <summary>Try the CUDA execution provider first; CPU is always the fallback.</summary>
    public bool PreferCuda { get; set; } = true;

    /// <summary>ONNX Runtime intra-op threads; 0 lets ORT choose. A 256×256 detector needs few.</summary>
    public int IntraOpThreads { get; set; } = 2;
}
