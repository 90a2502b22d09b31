using System.Text.RegularExpressions;
using Sonic.Testing;

namespace Sonic.Deploy.Tests.Repository;

/// <summary>
/// A fresh clone has nothing beside it: no test, bench or script may read the development machines' shared folder.
/// </summary>
public sealed partial class SelfContainedTests
{
    private static readonly string[] Scanned = ["tests", "bench", "scripts", ".ci"];
    private static readonly string[] RootScripts = ["test.sh", "sonic"];
    private static readonly string[] Skipped = ["bin", "obj", ".generated", "node_modules", "TestResults"];

    [Fact]
    public void NoTestBenchOrScript_ReadsTheSharedFolderBesideTheCheckout()
    {
        var offenders = Files().Where(file => ReferencesSharedFolder(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(TestPaths.RepositoryRoot, file))
            .ToList();

        Assert.True(offenders.Count == 0, "These files read the shared folder beside the checkout, which a fresh clone lacks: " + string.Join(", ", offenders));
    }

    [Theory]
    [InlineData("var p = \"../" + "shared/" + "samples/x.wav\";", true)]
    [InlineData("Path.Combine(root, \"..\", \"" + "shared\", \"samples\")", true)]
    [InlineData("speech=\"$root/.." + "/shared/x.wav\"", true)]
    [InlineData("# Measured on the shared 2-core dev box", false)]
    [InlineData("Assert.DoesNotContain(\"sharedKey\", json)", false)]
    public void ReferencesSharedFolder_FlagsEachWayOfNamingIt(string text, bool flagged)
        => Assert.Equal(flagged, ReferencesSharedFolder(text));

    [Fact]
    public void Scan_CoversTheTestsAndScripts()
    {
        var files = Files().Select(f => Path.GetRelativePath(TestPaths.RepositoryRoot, f).Replace('\\', '/')).ToList();

        Assert.Contains("tests/Sonic.Testing/SampleMedia.cs", files);
        Assert.Contains("scripts/setup.sh", files);
        Assert.Contains(".ci/run", files);
        Assert.Contains("test.sh", files);
    }

    private static bool ReferencesSharedFolder(string text) => SharedFolder().IsMatch(text);

    private static IEnumerable<string> Files()
    {
        var root = TestPaths.RepositoryRoot;
        foreach (var folder in Scanned.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
                if (!parts.Any(Skipped.Contains) && !IsBinary(file))
                {
                    yield return file;
                }
            }
        }

        foreach (var script in RootScripts.Select(s => Path.Combine(root, s)).Where(File.Exists))
        {
            yield return script;
        }
    }

    private static bool IsBinary(string file)
    {
        Span<byte> head = stackalloc byte[512];
        using var stream = File.OpenRead(file);
        var read = stream.Read(head);
        return head[..read].Contains((byte)0);
    }

    // The folder as a relative path, its samples subfolder, or the same as separate path segments. (This file spells
    // its examples in pieces so that it passes its own scan.)
    [GeneratedRegex("""\.\.[/\\]shared\b|shared[/\\]samples|"\.\."\s*,\s*"shared"|\.\.\s*/\s*shared\b""", RegexOptions.IgnoreCase)]
    private static partial Regex SharedFolder();
}
