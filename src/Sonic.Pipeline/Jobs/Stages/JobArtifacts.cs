using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// The deterministic names of one job's intermediate artifacts in <c>work/{jobId}/</c>. Every stage writes only
/// these names, so a re-run activity overwrites (or finds and skips) its output instead of adding a second one.
/// </summary>
public sealed record JobArtifacts(string JobId)
{
    public const string SpeechWavName = "speech.wav";
    public const string SpeechName = "speech.json";
    public const string AudioWavName = "audio.wav";
    public const string Audio16kName = "audio_16k.wav";
    public const string FeaturesName = "features.bin";
    public const string CropName = "crop.png";
    public const string FaceName = "face.json";
    public const string PreprocessName = "preprocess.json";
    public const string FramesName = "frames.mkv";
    public const string InferenceName = "inference.json";
    public const string PostName = "post.json";
    public const string VideoName = "video.mp4";
    public const string PostReportName = "post_report.json";
    public const string PosterName = "video.poster.jpg";
    public const string CaptionsVttName = "video.vtt";
    public const string CaptionsSrtName = "video.srt";

    /// <summary>The script spoken by the speech stage (a job with a script has no upload to stand in for it).</summary>
    public ArtifactRef SpeechWav => Ref(SpeechWavName);

    /// <summary>The <see cref="SpeechTrack"/>: voice, provider and word timings, written after <see cref="SpeechWav"/>.</summary>
    public ArtifactRef Speech => Ref(SpeechName);

    /// <summary>Trimmed speech at its own rate and channels; muxed into the MP4.</summary>
    public ArtifactRef AudioWav => Ref(AudioWavName);

    /// <summary>The same span as 16 kHz mono float: the speech front end's input (the GPU service reads it, issue 5).</summary>
    public ArtifactRef Audio16k => Ref(Audio16kName);

    /// <summary>Per-frame audio features (<see cref="AudioFeaturesFile"/>), kept out of orchestration history.</summary>
    public ArtifactRef Features => Ref(FeaturesName);

    /// <summary>The resized square face crop the animator works on (PNG, RGBA).</summary>
    public ArtifactRef Crop => Ref(CropName);

    /// <summary>The <see cref="FacePlan"/>: where the crop came from and the face inside it.</summary>
    public ArtifactRef Face => Ref(FaceName);

    /// <summary>The <see cref="PreprocessResult"/>, written last: its presence means the whole stage is done.</summary>
    public ArtifactRef Preprocess => Ref(PreprocessName);

    /// <summary>The animated crop-size frames, visually lossless (<see cref="Sonic.Media.Video.FrameArchive"/>).</summary>
    public ArtifactRef Frames => Ref(FramesName);

    /// <summary>The <see cref="InferenceResult"/>, written after the frames: their presence means inference is done.</summary>
    public ArtifactRef Inference => Ref(InferenceName);

    /// <summary>The <see cref="PastePlan"/>: output size and crop placement (later lip-sync offset and smoothing).</summary>
    public ArtifactRef Post => Ref(PostName);

    /// <summary>What post-processing measured and did (<see cref="PostProcessing.PostProcessReport"/>), written just before
    /// <see cref="Video"/> so a re-run that finds the video reports the same.</summary>
    public ArtifactRef PostReport => Ref(PostReportName);

    /// <summary>The poster frame (mouth closed, eyes open) as a JPEG beside <see cref="Video"/>, written just before it.</summary>
    public ArtifactRef Poster => Ref(PosterName);

    /// <summary>WebVTT captions of a spoken script, written by Encode just before <see cref="Video"/> (sidecar captions).</summary>
    public ArtifactRef CaptionsVtt => Ref(CaptionsVttName);

    /// <summary>The same captions as SRT.</summary>
    public ArtifactRef CaptionsSrt => Ref(CaptionsSrtName);

    /// <summary>The finished MP4 before publishing.</summary>
    public ArtifactRef Video => Ref(VideoName);

    private ArtifactRef Ref(string name) => new(ContainerNames.Work, $"{JobId}/{name}");
}
