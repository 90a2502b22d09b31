namespace Sonic.Api.Submission;

/// <summary>A private temporary folder for one request's uploaded parts; deleted with everything in it on dispose.</summary>
internal sealed class RequestScratch : IDisposable
{
    private RequestScratch(string path) => FolderPath = path;

    public string FolderPath { get; }

    public static RequestScratch Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sonic-api", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new RequestScratch(path);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(FolderPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the OS temp cleaner gets it; the request's answer matters more.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
