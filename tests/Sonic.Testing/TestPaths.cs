namespace Sonic.Testing;

/// <summary>Where the repository, its samples and the installed tools are, seen from a test run.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root (the folder holding SonicFunctions.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The project's own redistributable samples (samples/ in the repository).</summary>
    public static string OwnSample(string fileName) => Path.Combine(RepositoryRoot, "samples", fileName);

    /// <summary>A fresh, empty folder under the system temp folder for one test.</summary>
    public static string NewTempFolder(string prefix = "sonic-test")
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Best-effort removal of a test's temp folder; a file still held open leaves it for the OS to clean.</summary>
    public static void TryDeleteFolder(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SonicFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SonicFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
