using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Inference.Animation;
using Sonic.Inference.Onnx;
using Sonic.Inference.SonicEngine;
using Sonic.Inference.SonicEngine.Parity;
using Sonic.Inference.Tests.SonicEngine.Engine;
using Sonic.Media.Audio;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Tests.Faces;
using Sonic.Testing;
using static Sonic.Pipeline.Tests.Cli.CliRunner;

namespace Sonic.Pipeline.Tests.Cli;

/// <summary>
/// `sonic models parity DIR DUMP` on dumps this test writes itself (upstream's parity.py needs PyTorch and the real
/// weights): a dump made by running the stand-in networks agrees at every stage; the same dump with one stage changed
/// stops the table at that stage and names it.
/// </summary>
public sealed class CliParityTests(FaceStageFixture faces) : IClassFixture<FaceStageFixture>, IDisposable
{
    private const int Steps = 2;
    private readonly string folder = TestPaths.NewTempFolder("sonic-parity");

    [Fact]
    public async Task Parity_DumpOfTheSameNetworks_AgreesAtEveryStage_AndAChangedStageIsNamed()
    {
        var (models, dump, stageCount) = WriteDump();

        var (exit, stdout, stderr) = await Run("models", "parity", models, dump);

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains($"parity: all {stageCount} stages agree", stdout, StringComparison.Ordinal);
        foreach (var stage in new[] { "crop_box", "face_mask", "clip_pixels", "log_mel", "whisper_states", "audio_tokens", "buckets", "sigmas", "latents_0", "latents_2", "frames" })
        {
            Assert.Contains(stdout.Split('\n'), line => line.StartsWith(stage, StringComparison.Ordinal) && line.TrimEnd().EndsWith("ok", StringComparison.Ordinal));
        }

        // A divergence injected into the buckets (as a wrong ×16+16 would cause): the table stops there.
        var buckets = NpyFile.Read(Path.Combine(dump, "buckets.npy"));
        buckets.Values[3] += 0.5f;
        NpyFile.Write(Path.Combine(dump, "buckets.npy"), buckets);

        var (offExit, offOut, _) = await Run("models", "parity", models, dump);

        Assert.Equal(1, offExit);
        Assert.Contains("parity: first stage off: buckets", offOut, StringComparison.Ordinal);
        var lines = offOut.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("buckets", StringComparison.Ordinal) && l.Contains("OFF", StringComparison.Ordinal) && l.Contains("flat index 3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("audio_tokens", StringComparison.Ordinal) && l.TrimEnd().EndsWith("ok", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("latents_1", StringComparison.Ordinal) && l.Contains("not compared", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Parity_FolderWithoutParityJson_ExitsTwoWithOneLine()
    {
        var (exit, _, stderr) = await Run("models", "parity", folder, folder);

        Assert.Equal(2, exit);
        Assert.Contains("error: input_not_found:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);

    /// <summary>Runs the stand-ins once with a trace and writes what they computed as an upstream dump would hold it.</summary>
    private (string Models, string Dump, int StageCount) WriteDump()
    {
        var models = Path.Combine(folder, "models");
        ArithmeticSonicModels.Write(models, half: false, withRife: false, new { resolution = new { min = 64, max = 1024 } });
        var dump = Path.Combine(folder, "dump");
        Directory.CreateDirectory(dump);
        File.Copy(SampleMedia.Portrait, Path.Combine(dump, "portrait.jpg"));

        var speech = AudioResampler.ToMono16k(new AudioDecoder().Decode(SampleMedia.ChineseSpeechWav, CancellationToken.None)).AsSpan(16_000, 32_000).ToArray();
        var parameters = new RenderParameters { MinResolution = 256, ExpandRatio = 0.5, InferenceSteps = Steps, DynamicScale = 1.0, MotionScale = 1.0, UpstreamNumerics = true };
        using var portrait = faces.Stage.Prepare(Path.Combine(dump, "portrait.jpg"), parameters, CancellationToken.None);
        var frames = new SonicAudioTimeline(speech.Length).FrameCount;
        var noise = new float[frames * 4 * 32 * 32];
        var random = new Random(5);
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        var trace = new SonicTraceRecorder();
        using (var animator = SonicAnimator.Open(models, new OrtSessionFactory(NullLogger<OrtSessionFactory>.Instance, preferCuda: false), NullLogger<SonicAnimator>.Instance, SonicSamplerPlacement.Host))
        {
            var rows = speech.Length / AudioFeatures.SamplesPerFrameAt16k;
            var request = new AnimationRequest(portrait.Portrait, new AudioFeatures(rows, new float[rows * AudioFeatures.Dimension]), 1f, 1f, 0, Steps, speech)
            {
                UpstreamNumerics = true,
                Trace = trace,
                Noise = noise,
            };
            foreach (var unused in animator.Animate(request, CancellationToken.None))
            {
            }
        }

        var crop = portrait.Crop;
        var stages = new List<SonicParityStage> { new(SonicParityStages.CropBox, new SonicTensor([3], [crop.X, crop.Y, crop.Side]), 2) };
        string[] engineStages =
        [
            SonicParityStages.FaceMask, SonicParityStages.ClipPixels, SonicParityStages.ClipEmbeds, SonicParityStages.RefLatent,
            SonicParityStages.LogMel, SonicParityStages.WhisperStates, SonicParityStages.AudioTokens, SonicParityStages.Buckets,
            SonicParityStages.Latents(0), SonicParityStages.Latents(1), SonicParityStages.Latents(2), SonicParityStages.Frames,
        ];
        stages.AddRange(engineStages.Select(name => new SonicParityStage(name, trace.Get(name)!, SonicParityStages.DefaultTolerance(name))));

        // The Karras schedule from its formula here, not from the engine: σ_k = (σmax^(1/ρ) + k/(n−1)·(σmin^(1/ρ) − σmax^(1/ρ)))^ρ, then 0.
        var sigmas = Enumerable.Range(0, Steps).Select(k => (float)Math.Pow(Math.Pow(700, 1 / 7.0) + (k / (double)(Steps - 1) * (Math.Pow(0.002, 1 / 7.0) - Math.Pow(700, 1 / 7.0))), 7)).Append(0f).ToArray();
        stages.Insert(stages.FindIndex(s => s.Name == SonicParityStages.Latents(0)), new(SonicParityStages.Sigmas, new SonicTensor([Steps + 1], sigmas), 1e-4));

        SonicParityDump.Write(
            dump, "portrait.jpg", new SonicTensor([speech.Length], speech), new SonicTensor([frames, 4, 32, 32], noise),
            new { min_resolution = 256, expand_ratio = 0.5, inference_steps = Steps, dynamic_scale = 1.0, motion_scale = 1.0, upstream_numerics = true },
            stages);
        return (models, dump, stages.Count);
    }
}
