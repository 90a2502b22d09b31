namespace Sonic.Inference.Onnx;

/// <summary>Finds what <c>scripts/setup.sh</c> installs under <c>.tools/</c>: walking up from each start folder.</summary>
public static class InstalledTools
{
    /// <summary>The first <paramref name="relativePath"/> found above one of <paramref name="starts"/>, or null.</summary>
    public static string? FindUpward(string relativePath, IEnumerable<string> starts)
    {
        ArgumentNullException.ThrowIfNull(starts);
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The app's folder and the current folder: where a checkout's <c>.tools/</c> is found from.</summary>
    public static IEnumerable<string> DefaultStarts => [AppContext.BaseDirectory, Directory.GetCurrentDirectory()];
}
