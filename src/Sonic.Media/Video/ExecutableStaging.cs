namespace Sonic.Media.Video;

/// <summary>
/// Makes a bundled tool runnable where the deployment lost its execute bit. Zip deployments to Linux Consumption and
/// Flex Consumption can unpack files without it, and the package is mounted read-only, so chmod in place fails
/// (Azure/azure-functions-host#6160): the tool is copied once to a writable folder with mode 755 instead.
/// </summary>
public static class ExecutableStaging
{
    private const UnixFileMode Executable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Whether the current user may execute <paramref name="path"/> (always true on Windows).</summary>
    public static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    /// <summary>
    /// Returns <paramref name="path"/> when it is executable, otherwise the path of an executable copy in
    /// <paramref name="stagingFolder"/> (made once; a copy of the same length is reused).
    /// </summary>
    public static string EnsureExecutable(string path, string stagingFolder)
    {
        if (IsExecutable(path))
        {
            return path;
        }

        return Stage(path, stagingFolder);
    }

    /// <summary>Copies <paramref name="path"/> into <paramref name="stagingFolder"/> with mode 755 and returns the copy.</summary>
    public static string Stage(string path, string stagingFolder)
    {
        Directory.CreateDirectory(stagingFolder);
        var staged = Path.Combine(stagingFolder, Path.GetFileName(path));
        if (File.Exists(staged) && IsExecutable(staged) && new FileInfo(staged).Length == new FileInfo(path).Length)
        {
            return staged;
        }

        // Copy under a unique name, then rename: a concurrent caller never sees a half-written executable.
        var temporary = staged + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.Copy(path, temporary, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, Executable);
        }

        File.Move(temporary, staged, overwrite: true);
        return staged;
    }
}
