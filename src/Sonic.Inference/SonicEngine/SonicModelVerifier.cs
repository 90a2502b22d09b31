using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sonic.Media.Errors;

namespace Sonic.Inference.SonicEngine;

/// <summary>
/// Checks a model folder against <see cref="SonicModelContract"/> before any GPU work: every required file present,
/// every input/output name, rank and element type as the contract says, fixed sizes not contradicted, no extra
/// inputs the engine could not feed, and one element type per file (fp16 or fp32, as the manifest says if it
/// names one). Opens each file with ONNX Runtime on the CPU with graph optimisation off, only to read its metadata.
/// </summary>
public static class SonicModelVerifier
{
    // The inputs whose last two dimensions are the picture (pixels, or latents at 1/8), per file: a file exported at
    // one size has them fixed, and ONNX Runtime then refuses any other. (Outputs are not read: ORT reports their
    // inferred shapes, which need not be the declared ones.)
    private static readonly Dictionary<string, (string Tensor, int PixelsPerUnit)[]> SpatialInputs = new()
    {
        [SonicModelContract.VaeEncoder] = [("image", 1)],
        [SonicModelContract.Unet] = [("sample", 8), ("face_mask", 1)],
        [SonicModelContract.VaeDecoder] = [("latents", 8)],
        [SonicModelContract.Rife] = [("img0", 1), ("img1", 1)],
    };

    public static SonicModelReport Verify(string modelDirectory)
    {
        var directory = Path.GetFullPath(modelDirectory);
        if (!Directory.Exists(directory))
        {
            throw new SonicJobException(
                ErrorCodes.ModelInvalid, $"The Sonic model folder '{directory}' does not exist.");
        }

        var hasManifest = File.Exists(Path.Combine(directory, SonicManifest.FileName));
        var manifest = SonicManifestReader.Read(directory);
        var reports = SonicModelContract.Files.Select(spec => VerifyFile(directory, spec, manifest)).ToList();
        return new SonicModelReport(directory, AgreeOnBatches(AgreeOnFixedSize(reports)), manifest, hasManifest);
    }

    private static ModelFileReport VerifyFile(string directory, ModelFileSpec spec, SonicManifest manifest)
    {
        var path = Path.Combine(directory, spec.FileName);
        if (!File.Exists(path))
        {
            return new ModelFileReport(spec.FileName, spec.Required ? ModelFileStatus.Missing : ModelFileStatus.Absent, null, []);
        }

        var problems = new List<string>();
        IReadOnlyDictionary<string, NodeMetadata> inputs;
        IReadOnlyDictionary<string, NodeMetadata> outputs;
        try
        {
            using var options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
            };
            using var session = new InferenceSession(path, options);
            inputs = session.InputMetadata;
            outputs = session.OutputMetadata;
        }
        catch (OnnxRuntimeException ex)
        {
            return new ModelFileReport(spec.FileName, ModelFileStatus.Invalid, null, [$"ONNX Runtime cannot load it ({OneLine(ex.Message)})"]);
        }

        var floatTypes = new HashSet<TensorElementType>();
        Check("input", spec.Inputs, inputs, problems, floatTypes);
        Check("output", spec.Outputs, outputs, problems, floatTypes);
        foreach (var extra in inputs.Keys.Where(name => spec.Inputs.All(s => s.Name != name)))
        {
            problems.Add($"unexpected input '{extra}'");
        }

        string? dtype = floatTypes.Count switch
        {
            0 => "fp32",
            1 => floatTypes.Single() == TensorElementType.Float16 ? "fp16" : "fp32",
            _ => null,
        };
        if (dtype is null)
        {
            problems.Add("mixes fp16 and fp32 image/latent tensors; use one");
        }
        else if (manifest.Dtypes.TryGetValue(spec.FileName, out var declared) && declared != dtype)
        {
            problems.Add($"manifest says {declared} but the file is {dtype}");
        }

        var fixedSide = FixedSide(spec.FileName, inputs, problems);
        if (spec.FileName == SonicModelContract.Unet)
        {
            CheckUnetBatch(inputs, manifest.Constants.Window, problems);
        }

        int? fixedBatch = spec.FileName is SonicModelContract.AudioToToken or SonicModelContract.AudioToBucket
            ? inputs.Values.Select(m => m.Dimensions.Length > 0 ? m.Dimensions[0] : 0).Where(d => d > 0).DefaultIfEmpty().Max() is var b and > 0 ? b : null
            : null;
        return new ModelFileReport(spec.FileName, problems.Count == 0 ? ModelFileStatus.Ok : ModelFileStatus.Invalid, dtype, problems, fixedSide, fixedBatch);
    }

    /// <summary>The one square crop side a file's spatial dimensions fix, or null when they are all free.</summary>
    private static int? FixedSide(string fileName, IReadOnlyDictionary<string, NodeMetadata> inputs, List<string> problems)
    {
        if (!SpatialInputs.TryGetValue(fileName, out var tensors))
        {
            return null;
        }

        var sides = new SortedSet<int>();
        foreach (var (name, pixelsPerUnit) in tensors)
        {
            if (!inputs.TryGetValue(name, out var meta) || meta.Dimensions.Length < 2)
            {
                continue;
            }

            var (height, width) = (meta.Dimensions[^2], meta.Dimensions[^1]);
            if (height <= 0 && width <= 0)
            {
                continue;
            }

            if (height != width)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"'{name}' is fixed to {Dim(height)}×{Dim(width)}; the engine renders square crops, so fix both sides alike or neither"));
                continue;
            }

            sides.Add(height * pixelsPerUnit);
        }

        if (sides.Count > 1)
        {
            problems.Add($"its tensors are fixed to different sizes ({string.Join(", ", sides)} px)");
        }

        return sides.Count == 0 ? null : sides.Min;

        static string Dim(int d) => d > 0 ? d.ToString(CultureInfo.InvariantCulture) : "free";
    }

    /// <summary>
    /// Required files fixed to different crop sides cannot run together: each is invalid. An optional file (RIFE)
    /// fixed to another side than the required ones is invalid alone, and the folder runs without it.
    /// </summary>
    private static List<ModelFileReport> AgreeOnFixedSize(List<ModelFileReport> reports)
    {
        var required = reports.Where(r => r.FixedSide is not null && IsRequired(r.FileName)).ToList();
        var sides = required.Select(r => r.FixedSide).Distinct().ToList();
        var summary = string.Join(", ", reports.Where(r => r.FixedSide is not null).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.FileName} {r.FixedSide} px")));
        return
        [
            .. reports.Select(r => r.FixedSide is null ? r : (IsRequired(r.FileName) ? sides.Count > 1 : sides.Count == 1 && r.FixedSide != sides[0]) ? r with
            {
                Status = ModelFileStatus.Invalid,
                Problems = [.. r.Problems, $"the files are exported at different sizes ({summary}); export them all at one size"],
            } : r),
        ];
    }

    /// <summary>The audio networks run as one batch: fixed to different batches, they cannot.</summary>
    private static List<ModelFileReport> AgreeOnBatches(List<ModelFileReport> reports)
    {
        var batches = reports.Where(r => r.FixedBatch is not null).ToList();
        if (batches.Select(r => r.FixedBatch).Distinct().Count() <= 1)
        {
            return reports;
        }

        var summary = string.Join(" and ", batches.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.FileName} to {r.FixedBatch}")));
        return
        [
            .. reports.Select(r => r.FixedBatch is null ? r : r with
            {
                Status = ModelFileStatus.Invalid,
                Problems = [.. r.Problems, $"the audio networks are fixed to different batches ({summary}); export them with a dynamic batch or the same one"],
            }),
        ];
    }

    /// <summary>A UNet fixed to a batch other than the three guidance branches, or to another frame count than the window, cannot be fed.</summary>
    private static void CheckUnetBatch(IReadOnlyDictionary<string, NodeMetadata> inputs, int window, List<string> problems)
    {
        if (!inputs.TryGetValue("sample", out var sample) || sample.Dimensions.Length < 2)
        {
            return;
        }

        if (sample.Dimensions[0] > 0 && sample.Dimensions[0] != 3)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"'sample' is fixed to a batch of {sample.Dimensions[0]}; the engine runs the three guidance branches as one batch of 3"));
        }

        if (sample.Dimensions[1] > 0 && sample.Dimensions[1] != window)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"'sample' is fixed to {sample.Dimensions[1]} frames per call, but the window is {window} (manifest constants.window)"));
        }
    }

    private static bool IsRequired(string fileName) => SonicModelContract.Files.First(f => f.FileName == fileName).Required;

    private static void Check(
        string kind,
        IReadOnlyList<ModelTensorSpec> specs,
        IReadOnlyDictionary<string, NodeMetadata> actual,
        List<string> problems,
        HashSet<TensorElementType> floatTypes)
    {
        foreach (var spec in specs)
        {
            if (!actual.TryGetValue(spec.Name, out var meta))
            {
                problems.Add($"{kind} '{spec.Name}' is missing (has {string.Join(", ", actual.Keys)})");
                continue;
            }

            if (!meta.IsTensor)
            {
                problems.Add($"{kind} '{spec.Name}' is not a tensor");
                continue;
            }

            var type = meta.ElementDataType;
            if (spec.ElementType == ModelElementType.Float32 && type != TensorElementType.Float)
            {
                problems.Add($"{kind} '{spec.Name}' is {Describe(type)}, expected fp32");
            }
            else if (spec.ElementType == ModelElementType.Float16OrFloat32)
            {
                if (type is TensorElementType.Float or TensorElementType.Float16)
                {
                    floatTypes.Add(type);
                }
                else
                {
                    problems.Add($"{kind} '{spec.Name}' is {Describe(type)}, expected fp16 or fp32");
                }
            }

            var dims = meta.Dimensions;
            if (dims.Length != spec.Rank)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{kind} '{spec.Name}' has rank {dims.Length}, expected {spec.Rank}"));
                continue;
            }

            for (var d = 0; d < dims.Length; d++)
            {
                // A symbolic dimension (−1 or 0 in ORT's metadata) never contradicts the contract.
                if (spec.Dims[d] > 0 && dims[d] > 0 && dims[d] != spec.Dims[d])
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{kind} '{spec.Name}' dimension {d} is {dims[d]}, expected {spec.Dims[d]}"));
                }
            }
        }
    }

    private static string Describe(TensorElementType type) => type switch
    {
        TensorElementType.Float => "fp32",
        TensorElementType.Float16 => "fp16",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
