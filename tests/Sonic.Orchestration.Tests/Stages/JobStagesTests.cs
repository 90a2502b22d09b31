using Sonic.Media.Errors;
using Sonic.Media.Video;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Orchestration.Tests.Stages;

public sealed class JobStagesTests(StageServicesFixture fixture) : IClassFixture<StageServicesFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Stages_OneJob_WriteEveryArtifactUnderItsDeterministicName()
    {
        var artifacts = new JobArtifacts(fixture.Job.JobId);
        ArtifactRef[] expected =
        [
            artifacts.AudioWav, artifacts.Audio16k, artifacts.Features, artifacts.Crop, artifacts.Face,
            artifacts.Preprocess, artifacts.Frames, artifacts.Inference, artifacts.Post, artifacts.PostReport, artifacts.Video, artifacts.Poster,
        ];

        var stored = await ListWorkAsync();

        Assert.Equal(expected.Select(a => a.Name).Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("leo-stages", fixture.Validated.FileName);
        Assert.Equal(fixture.Preprocessed.FrameCount, fixture.Inference.FrameCount);
        Assert.Equal(256, fixture.Preprocessed.CropSide);
    }

    [Fact]
    public async Task FramesArchive_AfterInference_HoldsOneCropSizeFramePerAudioFrame()
    {
        var path = Path.Combine(fixture.Root, ContainerNames.Work, fixture.Job.JobId, JobArtifacts.FramesName);
        var side = fixture.Inference.FrameSide;
        long sum = 0;
        var count = 0;
        foreach (var frame in FrameArchiveReader.Read(path, side, side, None))
        {
            count++;
            sum += frame.Pixels[(frame.Pixels.Length / 2) + 1];
        }

        Assert.Equal(fixture.Preprocessed.FrameCount, count);
        Assert.True(sum > 0, "the frames are black");
    }

    [Fact]
    public async Task PreprocessInferenceEncode_RunAgain_FindTheirOutputAndRewriteNothing()
    {
        var before = await ListWorkAsync();

        var preprocessed = await fixture.Get<PreprocessStage>().RunAsync(fixture.Job, None);
        var inference = await fixture.Get<InferenceStage>().RunAsync(fixture.Job, None);
        var video = await fixture.Get<EncodeStage>().RunAsync(new EncodeInput(fixture.Job, fixture.Validated.FileName, inference), None);

        var after = await ListWorkAsync();
        Assert.Equal(fixture.Preprocessed.FrameCount, preprocessed.FrameCount);
        Assert.Equal(fixture.Preprocessed.Warnings, preprocessed.Warnings);
        Assert.Equal(fixture.Inference, inference);
        Assert.Equal(fixture.Video with { Timings = null }, video);
        Assert.Null(video.Timings); // found, not encoded: nothing of this run to report
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task PostProcess_RunAgain_OverwritesPostJsonWithTheSamePlan()
    {
        var first = await fixture.Get<PostProcessStage>().RunAsync(fixture.Job, fixture.Inference, None);
        var second = await fixture.Get<PostProcessStage>().RunAsync(fixture.Job, fixture.Inference, None);

        Assert.Equal(first, second);
        Assert.Equal(fixture.Video.Width, second.Layout.OutputWidth);
        Assert.Equal(fixture.Video.Height, second.Layout.OutputHeight);
        Assert.Equal(360, Math.Min(second.Layout.OutputWidth, second.Layout.OutputHeight));
        Assert.Single((await ListWorkAsync()).Keys, k => k.EndsWith("/post.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Encode_Output_IsAnH264Mp4OfTheAudioLength()
    {
        var probe = await Ffprobe.ProbeAsync(Path.Combine(fixture.Root, ContainerNames.Work, fixture.Job.JobId, JobArtifacts.VideoName));

        Assert.Equal("h264", probe.Video.CodecName);
        Assert.Equal(fixture.Video.Width, probe.Video.Width);
        Assert.Equal(fixture.Video.FrameCount, fixture.Preprocessed.FrameCount);
        Assert.InRange(probe.Format.Duration!.Value, fixture.Preprocessed.DurationSeconds - 0.1, fixture.Preprocessed.DurationSeconds + 0.1);
        // This run's time, split as the stage measured it; ffmpeg's encode and the frame decode took real time.
        Assert.Equal(
            [JobTimingStages.EncodeTransfer, JobTimingStages.Decode, JobTimingStages.Composite, JobTimingStages.Post, JobTimingStages.Encode],
            fixture.Video.Timings!.Select(t => t.Stage));
        Assert.True(fixture.Video.Timings!.Single(t => t.Stage == JobTimingStages.Encode).Seconds > 0);
        Assert.True(fixture.Video.Timings!.Single(t => t.Stage == JobTimingStages.Decode).Seconds > 0);
    }

    [Fact]
    public async Task Publish_RunTwice_LeavesOneVideoForTheJob()
    {
        var stage = fixture.Get<PublishStage>();
        var first = await stage.RunAsync(fixture.Job.JobId, fixture.Validated.FileName, None);
        var second = await stage.RunAsync(fixture.Job.JobId, fixture.Validated.FileName, None);

        var mp4s = new List<string>();
        await foreach (var item in fixture.Store.ListAsync(ContainerNames.Videos, fixture.Job.JobId + "/", None))
        {
            if (item.Ref.Name.EndsWith(".mp4", StringComparison.Ordinal))
            {
                mp4s.Add(item.Ref.Name);
            }
        }

        Assert.Equal(first.Video, second.Video);
        Assert.Equal(fixture.Video.SizeBytes, second.SizeBytes);
        Assert.Equal([first.Video.Name], mp4s);
    }

    [Fact]
    public async Task Validate_MissingAudio_ThrowsInputNotFound()
    {
        var job = fixture.Job with { Audio = new ArtifactRef(ContainerNames.Uploads, "nothing-here.wav") };

        var error = await Assert.ThrowsAsync<SonicJobException>(() => fixture.Get<ValidateStage>().RunAsync(job, None));

        Assert.Equal(ErrorCodes.InputNotFound, error.Code);
        Assert.Contains("nothing-here.wav", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_GifImage_ThrowsUnsupportedFormat()
    {
        var gif = new ArtifactRef(ContainerNames.Uploads, "anim.png");
        await fixture.Store.UploadBytesAsync(gif, "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"u8.ToArray(), null, None);

        var error = await Assert.ThrowsAsync<SonicJobException>(() => fixture.Get<ValidateStage>().RunAsync(fixture.Job with { Image = gif }, None));

        Assert.Equal(ErrorCodes.ImageUnsupportedFormat, error.Code);
    }

    [Fact]
    public async Task Validate_OutOfRangeParameter_ThrowsInvalidParameter()
    {
        var job = fixture.Job with { Parameters = fixture.Job.Parameters with { OutputResolution = 100 } };

        var error = await Assert.ThrowsAsync<SonicJobException>(() => fixture.Get<ValidateStage>().RunAsync(job, None));

        Assert.Equal(ErrorCodes.InvalidParameter, error.Code);
    }

    [Fact]
    public void ScratchFolder_Disposed_IsGoneWithItsFiles()
    {
        string path;
        using (var scratch = ScratchFolder.Create("test"))
        {
            path = scratch.Path;
            File.WriteAllText(scratch.File("a.bin"), "x");
            Directory.CreateDirectory(scratch.File("in"));
        }

        Assert.False(Directory.Exists(path));
    }

    /// <summary>Name → ETag of everything in the job's work folder (the file store's ETag changes on any rewrite).</summary>
    private async Task<Dictionary<string, string>> ListWorkAsync()
    {
        var items = new Dictionary<string, string>();
        await foreach (var item in fixture.Store.ListAsync(ContainerNames.Work, fixture.Job.JobId + "/", None))
        {
            items[item.Ref.Name] = item.ETag;
        }

        return items;
    }
}
