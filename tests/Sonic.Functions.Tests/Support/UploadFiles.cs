using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Functions.Tests.Support;

/// <summary>Small real inputs (as the orchestration tests use): the close-up portrait and a 2.5 s cut of speech (SampleMedia).</summary>
public static class UploadFiles
{
    private static readonly Lazy<string> Clip = new(CutClip);

    public static async Task<ArtifactRef> ImageAsync(IArtifactStore store, string name)
    {
        var image = new ArtifactRef(ContainerNames.Uploads, name);
        await store.UploadFileAsync(image, SampleMedia.Portrait, null, CancellationToken.None);
        return image;
    }

    public static async Task<ArtifactRef> AudioAsync(IArtifactStore store, string name)
    {
        var audio = new ArtifactRef(ContainerNames.Uploads, name);
        await store.UploadFileAsync(audio, Clip.Value, null, CancellationToken.None);
        return audio;
    }

    public static Task TextAsync(IArtifactStore store, string name, string text) =>
        store.UploadBytesAsync(new ArtifactRef(ContainerNames.Uploads, name), System.Text.Encoding.UTF8.GetBytes(text), null, CancellationToken.None);

    private static string CutClip()
    {
        var path = Path.Combine(TestPaths.NewTempFolder("sonic-func-clip"), "speech.wav");
        MediaTool.Ffmpeg("-ss", "0.5", "-t", "2.5", "-i", SampleMedia.ChineseSpeechWav, path);
        return path;
    }
}
