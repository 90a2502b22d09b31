using System.Text.RegularExpressions;
using Sonic.Inference.SonicEngine;
using Sonic.Testing;

namespace Sonic.Inference.Tests.SonicEngine;

/// <summary>
/// models/export/export_sonic_onnx.py cannot run here (it needs the upstream Python environment and ~10 GB of
/// weights), so these read it: it must compile, name every contract file with the contract's tensor names in order,
/// and write a manifest whose keys the engine's reader accepts (Python's own parser extracts that dictionary).
/// </summary>
public sealed partial class ExportScriptTests
{
    private static readonly string Script = Path.Combine(TestPaths.RepositoryRoot, "models", "export", "export_sonic_onnx.py");

    [Fact]
    public async Task Script_CompilesAsPython()
    {
        var (exit, _, error) = await PythonAsync("import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])", Script);

        Assert.True(exit == 0, error);
    }

    [Fact]
    public void Script_ExportsEveryContractFileWithItsTensorNamesInOrder()
    {
        var text = File.ReadAllText(Script);
        var exports = ExportCall().Matches(text).ToDictionary(
            m => m.Groups["file"].Value,
            m => (Inputs: Names(m.Groups["inputs"].Value), Outputs: Names(m.Groups["outputs"].Value)));

        foreach (var file in SonicModelContract.Files)
        {
            Assert.True(exports.TryGetValue(file.FileName, out var names), $"the script does not export {file.FileName}");
            Assert.Equal(file.Inputs.Select(t => t.Name), names.Inputs);
            Assert.Equal(file.Outputs.Select(t => t.Name), names.Outputs);
        }
    }

    [Fact]
    public async Task Script_ManifestKeys_AreReadByTheEngine()
    {
        // The manifest dictionary as Python parses it, with every non-literal value (config.fps, …) replaced by 1.
        const string extract = """
            import ast, json, sys
            tree = ast.parse(open(sys.argv[1]).read())
            node = next(n.value for n in ast.walk(tree) if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "manifest")
            def value(v):
                if isinstance(v, ast.Dict):
                    return {k.value: value(x) for k, x in zip(v.keys, v.values)}
                return v.value if isinstance(v, ast.Constant) else 1
            print(json.dumps(value(node)))
            """;
        var (exit, json, error) = await PythonAsync(extract, Script);
        Assert.True(exit == 0, error);
        var folder = Directory.CreateTempSubdirectory("sonic-manifest-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, SonicManifest.FileName), json);

            var manifest = SonicManifestReader.Read(folder);

            Assert.Equal("fp16", manifest.Dtypes[SonicModelContract.Unet]);
            Assert.Equal(256, manifest.Resolution.Min);
            Assert.Equal(1024, manifest.Resolution.Max);
        }
        finally
        {
            TestPaths.TryDeleteFolder(folder);
        }
    }

    private static string[] Names(string list) => [.. Regex.Matches(list, "\"([a-z0-9_]+)\"").Select(m => m.Groups[1].Value)];

    private static async Task<(int Exit, string Output, string Error)> PythonAsync(string program, params string[] arguments)
    {
        using var process = ToolProcess.Start("python3", ["-c", program, .. arguments]);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    // export(Module(...), (args...), out / "name.onnx", ["input", …], ["output", …], …
    [GeneratedRegex(@"out / ""(?<file>[a-z0-9_]+\.onnx)"",\s*\[(?<inputs>[^\]]*)\],\s*\[(?<outputs>[^\]]*)\]")]
    private static partial Regex ExportCall();
}
