using Microsoft.DurableTask;
using Sonic.Media.Errors;
using Sonic.Media.Video;
using Sonic.Orchestration.Activities;
using Sonic.Orchestration.Rendering;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Orchestration.Tests.Rendering;

public sealed class JobFailureTests
{
    [Fact]
    public void IsTransient_BadInput_IsNotRetriedButToolAndStorageFaultsAre()
    {
        var badInput = TaskFailureDetails.FromException(new SonicJobException(ErrorCodes.NoFaceDetected, "No face."));
        var ffmpeg = TaskFailureDetails.FromException(new MediaToolException("ffmpeg failed."));
        var io = TaskFailureDetails.FromException(new IOException("disk"));

        Assert.False(JobRetry.IsTransient(badInput));
        Assert.True(JobRetry.IsTransient(ffmpeg));
        Assert.True(JobRetry.IsTransient(io));
        Assert.Equal(4, JobRetry.Policy.MaxNumberOfAttempts);
    }

    [Fact]
    public async Task JobActivity_StageThrowsBadInput_FailsWithCodeAndSentenceInTheMessage()
    {
        var root = TestPaths.NewTempFolder("sonic-activity");
        try
        {
            var store = new FileSystemArtifactStore(root);
            var activity = new ValidateJobActivity(new ValidateStage(store));
            var job = new JobRequest("a-1", new ArtifactRef(ContainerNames.Uploads, "x.jpg"), new ArtifactRef(ContainerNames.Uploads, "x.wav"), new RenderParameters());

            var error = await Assert.ThrowsAsync<SonicJobException>(() => activity.RunAsync(new FakeActivityContext(), job));

            Assert.Equal(ErrorCodes.InputNotFound, error.Code);
            var recovered = JobError.FromFailure(TaskFailureDetails.FromException(error).ErrorMessage);
            Assert.Equal(new JobError(ErrorCodes.InputNotFound, "The image 'x.jpg' was not found."), recovered);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ToJobError_TransientFailure_IsInternalErrorNamingTheStageWithoutStackTrace()
    {
        var failure = TaskFailureDetails.FromException(new MediaToolException("ffmpeg failed to encode video.mp4 (exit code 1).\nmore"));

        var error = RenderVideoOrchestration.ToJobError(failure, JobStageNames.Encode);

        Assert.Equal(JobError.InternalError, error.Code);
        Assert.Equal("The encode stage failed after retries: ffmpeg failed to encode video.mp4 (exit code 1).", error.Message);
        Assert.Equal(error, JobError.FromFailure(new JobFailedException(error).Message));
    }

    private sealed class FakeActivityContext : TaskActivityContext
    {
        public override TaskName Name => OrchestrationNames.ValidateJob;

        public override string InstanceId => "a-1";
    }
}
