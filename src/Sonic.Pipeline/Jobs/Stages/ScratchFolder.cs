namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// A local temp folder for one stage run, deleted (best effort) on dispose whatever happened: activities may run on
/// any worker, so nothing local outlives them; what must survive goes to the artifact store.
/// </summary>
public sealed class ScratchFolder : IDisposable
{
    private ScratchFolder(string path) => Path = path;

    public string Path { get; }

    public static ScratchFolder Create(string stage) => new(Directory.CreateTempSubdirectory($"sonic-{stage}-").FullName);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open (e.g. by a killed ffmpeg) must not turn a finished stage into a failure.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
