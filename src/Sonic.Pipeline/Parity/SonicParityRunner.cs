using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sonic.Inference.Animation;
using Sonic.Inference.Faces;
using Sonic.Inference.Onnx;
using Sonic.Inference.SonicEngine;
using Sonic.Inference.SonicEngine.Parity;
using Sonic.Media.Audio;
using Sonic.Media.Errors;
using Sonic.Pipeline.Faces;
using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Parity;

/// <summary>
/// <c>sonic models parity</c>: runs this pipeline on a parity dump's image, speech and noise with the dump's
/// parameters, recording every stage, and compares the stages with the dump's in order (see
/// <see cref="SonicParityComparer"/>). The sampler runs on the host so every step's latents can be read.
/// </summary>
public sealed class SonicParityRunner(FaceStage faceStage, OrtSessionFactory sessions, ILoggerFactory loggers)
{
    public IReadOnlyList<SonicParityRow> Run(string modelDirectory, string dumpFolder, IReadOnlySet<string> skip, CancellationToken cancellationToken)
    {
        var dump = SonicParityDump.Read(dumpFolder);
        RenderParameters parameters;
        try
        {
            parameters = (dump.Parameters.Deserialize<RenderParameters>(ParameterJson.Options) ?? new RenderParameters()).Validate();
        }
        catch (JsonException ex)
        {
            throw new SonicJobException(ErrorCodes.InvalidParameter, $"The parity dump's parameters are not valid: {ex.Message}");
        }

        // The folder's own face detector (upstream's YOLOv5m-face) crops as upstream did, when the folder has one.
        var report = SonicModelVerifier.Verify(modelDirectory);
        using var yolo = report.HasFaceDetector
            ? new YoloFaceDetector(Path.Combine(report.Directory, YoloFaceDetector.FileName), sessions, loggers.CreateLogger<YoloFaceDetector>())
            : null;
        var trace = new SonicTraceRecorder();
        using var portrait = faceStage.Prepare(dump.ImagePath, parameters, cancellationToken, faceDetector: yolo);
        var crop = portrait.Crop;
        trace.Record(SonicParityStages.CropBox, [3], [crop.X, crop.Y, crop.Side]);

        using var animator = new SonicAnimator(report, sessions, loggers.CreateLogger<SonicAnimator>(), SonicSamplerPlacement.Host);
        var speech = dump.Speech16k.Values;
        var rows = speech.Length / AudioFeatures.SamplesPerFrameAt16k;
        var request = new AnimationRequest(
            portrait.Portrait,
            new AudioFeatures(rows, new float[rows * AudioFeatures.Dimension]),
            (float)parameters.DynamicScale,
            (float)parameters.MotionScale,
            parameters.Seed,
            parameters.InferenceSteps,
            speech,
            SizePolicy: CropSizePolicy.Strict)
        {
            UpstreamNumerics = parameters.UpstreamNumerics,
            Trace = trace,
            Noise = dump.Noise.Values,
        };
        foreach (var unused in animator.Animate(request, cancellationToken))
        {
            // The stages are recorded as the frames stream; the frames themselves are not needed.
        }

        return SonicParityComparer.Compare(dump.Stages, trace.Get, skip);
    }
}
