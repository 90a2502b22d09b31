using System.Text.RegularExpressions;
using Sonic.Inference.SonicEngine;
using Sonic.Inference.SonicEngine.Parity;
using Sonic.Testing;

namespace Sonic.Inference.Tests.SonicEngine;

/// <summary>
/// models/export/export_sonic_onnx.py cannot run here (it needs the upstream Python environment, a GPU and ~10 GB of
/// weights), so these read it — it must compile and name every contract file with the contract's tensor names in
/// order — and run its torch-free helpers (export_support.py) with python3: the arguments each torch version gets, the
/// crop sides, the fp16-on-CPU stop, the mask factor, and a manifest the engine's reader accepts.
/// </summary>
public sealed partial class ExportScriptTests
{
    private static readonly string ExportFolder = Path.Combine(TestPaths.RepositoryRoot, "models", "export");
    private static readonly string Script = Path.Combine(ExportFolder, "export_sonic_onnx.py");

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
    public async Task Manifest_WrittenFromTheCheckedSizes_IsReadByTheEngine()
    {
        const string program = """
            import json, sys
            sys.path.insert(0, sys.argv[1])
            from export_support import build_manifest
            constants = {"image_guidance": 2.0, "audio_guidance": 7.5, "window": 25, "shift": 7, "fps": 12.5, "decode_chunk": 8}
            print(json.dumps(build_manifest([768, 512], constants, memory_gib={512: 9.34})))
            """;
        var (exit, json, error) = await PythonAsync(program, ExportFolder);
        Assert.True(exit == 0, error);
        var folder = Directory.CreateTempSubdirectory("sonic-manifest-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, SonicManifest.FileName), json);

            var manifest = SonicManifestReader.Read(folder);

            Assert.Equal("fp16", manifest.Dtypes[SonicModelContract.Unet]);
            Assert.Equal([512, 768], manifest.Resolution.Sizes!);
            Assert.Equal(512, manifest.Resolution.Native);
            Assert.Equal(9.3, manifest.MemoryGib["512"]);
            var resolutions = SonicResolutionSupport.From(manifest.Resolution, fixedSide: null);
            Assert.Equal("512, 768 px", resolutions.Describe());
        }
        finally
        {
            TestPaths.TryDeleteFolder(folder);
        }
    }

    [Fact]
    public async Task ExportKwargs_AskForTheTorchScriptExporterOnlyWhereTorchHasTheKeyword()
    {
        // The signatures of torch.onnx.export in torch 2.2.1 (upstream's pin: no dynamo) and 2.9 (dynamo=True default).
        const string program = """
            import json, sys
            sys.path.insert(0, sys.argv[1])
            from export_support import export_kwargs
            def torch_2_2_1(model, args, f, export_params=True, verbose=False, training=None, input_names=None, output_names=None,
                            operator_export_type=None, opset_version=None, do_constant_folding=True, dynamic_axes=None,
                            keep_initializers_as_inputs=None, custom_opsets=None, export_modules_as_functions=False, autograd_inlining=True): pass
            def torch_2_9(model, args=(), f=None, *, kwargs=None, export_params=True, verbose=None, input_names=None, output_names=None,
                          opset_version=None, dynamic_axes=None, keep_initializers_as_inputs=False, dynamo=True, external_data=True,
                          dynamic_shapes=None, custom_translation_table=None, report=False, optimize=True, verify=False, profile=False,
                          dump_exported_program=False, artifacts_dir=".", fallback=False): pass
            wanted = dict(input_names=["x"], output_names=["y"], dynamic_axes={"x": {0: "B"}}, opset_version=17, do_constant_folding=True, export_params=True)
            print(json.dumps([sorted(export_kwargs(torch_2_2_1, **wanted).items()), sorted(export_kwargs(torch_2_9, **wanted).items())], default=str))
            """;
        var (exit, json, error) = await PythonAsync(program, ExportFolder);

        Assert.True(exit == 0, error);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var old = document.RootElement[0].EnumerateArray().Select(p => p[0].GetString()).ToList();
        var current = document.RootElement[1].EnumerateArray().ToDictionary(p => p[0].GetString()!, p => p[1].ToString());
        Assert.DoesNotContain("dynamo", old);
        Assert.Contains("do_constant_folding", old);
        Assert.Equal("False", current["dynamo"]);
        Assert.False(current.ContainsKey("do_constant_folding"));
        Assert.Equal("17", current["opset_version"]);
    }

    [Theory]
    [InlineData("512", "[512]")]
    [InlineData("1024, 512,768,512", "[512, 768, 1024]")]
    [InlineData("500", "ValueError: crop side 500 must be a multiple of 64 from 256 to 2048")]
    [InlineData("512px", "ValueError: --resolutions takes crop sides in pixels, e.g. 512,768,1024; '512px' is not a number")]
    public async Task ParseResolutions_AcceptsCropSidesAndNamesTheBadOne(string text, string expected)
    {
        const string program = """
            import sys
            sys.path.insert(0, sys.argv[1])
            from export_support import parse_resolutions
            try:
                print(parse_resolutions(sys.argv[2]))
            except ValueError as e:
                print(f"ValueError: {e}")
            """;
        var (exit, output, error) = await PythonAsync(program, ExportFolder, text);

        Assert.True(exit == 0, error);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task Fp16OnCpu_StopsBeforeAnyWorkWithAClearSentence()
    {
        const string program = """
            import sys
            sys.path.insert(0, sys.argv[1])
            from export_support import refuse_fp16_on_cpu
            refuse_fp16_on_cpu("cuda")
            refuse_fp16_on_cpu("cpu")
            """;
        var (exit, _, error) = await PythonAsync(program, ExportFolder);

        Assert.Equal(1, exit);
        Assert.Contains("run it on a CUDA GPU (--device cuda). No files were written.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(512, 512, 4096, 8)]
    [InlineData(512, 512, 64, 64)]
    [InlineData(768, 512, 1536, 16)]
    [InlineData(1024, 1024, 1024, 32)]
    public async Task MaskDownsampleFactor_IsTheLayersFixedFactorAtAnySize(int height, int width, int queries, int factor)
    {
        // Upstream's int(sqrt(queries / aspect)) gives (H/f, W/f) at every size (checked for 256–2048 by the research
        // notes); the export resizes by 1/f instead, which tracing keeps dynamic.
        const string program = """
            import sys
            sys.path.insert(0, sys.argv[1])
            from export_support import mask_downsample_factor
            print(mask_downsample_factor(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
            """;
        var (exit, output, error) = await PythonAsync(program, ExportFolder, $"{height}", $"{width}", $"{queries}");

        Assert.True(exit == 0, error);
        Assert.Equal(factor.ToString(System.Globalization.CultureInfo.InvariantCulture), output.Trim());
    }

    [Fact]
    public void Script_TracesWithoutBakingSizesAndCleansUp()
    {
        var text = File.ReadAllText(Script);

        // The two upstream functions that bake the traced size are replaced before tracing; temporary exports are removed.
        Assert.Contains("def patch_size_dependent_code()", text, StringComparison.Ordinal);
        var patched = text.IndexOf("    patch_size_dependent_code()\n", StringComparison.Ordinal);
        Assert.True(patched > 0 && patched < text.IndexOf("    export_size_independent(nets, out)", StringComparison.Ordinal), "the patch must come before the first export");
        Assert.Contains("shutil.rmtree(scratch, ignore_errors=True)", text, StringComparison.Ordinal);
        Assert.Contains("refuse_fp16_on_cpu(a.device)", text, StringComparison.Ordinal);
        Assert.Contains("**export_kwargs(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dynamo=False", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParityScript_ParsesAndDumpsTheStagesTheEngineRecordsInItsOrder()
    {
        var parity = Path.Combine(ExportFolder, "parity.py");
        var (exit, _, error) = await PythonAsync("import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])", parity);
        Assert.True(exit == 0, error);

        var text = File.ReadAllText(parity);
        var order = Regex.Match(text, @"order = \[(?<names>[^\]]*)\]").Groups["names"].Value;
        string[] expected =
        [
            SonicParityStages.CropBox, SonicParityStages.FaceMask, SonicParityStages.ClipPixels, SonicParityStages.ClipEmbeds,
            SonicParityStages.RefLatent, SonicParityStages.LogMel, SonicParityStages.WhisperStates, SonicParityStages.AudioTokens,
            SonicParityStages.Buckets, SonicParityStages.Sigmas,
        ];
        Assert.Equal(expected, Names(order));
        Assert.Contains("f\"latents_{k}\" for k in range(STEPS + 1)", text, StringComparison.Ordinal);
        Assert.Contains("[\"frames\"]", text, StringComparison.Ordinal);
        foreach (var key in new[] { "\"audio_16k\": \"audio_16k.npy\"", "\"noise\": \"noise.npy\"", "\"parameters\": parameters", "\"stages\": listed" })
        {
            Assert.Contains(key, text, StringComparison.Ordinal);
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
