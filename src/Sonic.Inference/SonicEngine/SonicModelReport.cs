namespace Sonic.Inference.SonicEngine;

/// <summary>The verifier's verdict on a whole model folder.</summary>
public sealed record SonicModelReport(string Directory, IReadOnlyList<ModelFileReport> Files, SonicManifest Manifest, bool HasManifest)
{
    /// <summary>Every required file satisfies the contract; an optional one that does not is left out (<see cref="Unusable"/>).</summary>
    public bool IsValid => Files.Where(f => Required(f.FileName)).All(f => f.Status == ModelFileStatus.Ok);

    /// <summary>Optional files present but off the contract: the folder runs without them.</summary>
    public IEnumerable<ModelFileReport> Unusable => Files.Where(f => !Required(f.FileName) && f.Status == ModelFileStatus.Invalid);

    public bool HasRife => Files.Any(f => f.FileName == SonicModelContract.Rife && f.Status == ModelFileStatus.Ok);

    /// <summary>The folder brings upstream's face detector (<c>face_detector.onnx</c>).</summary>
    public bool HasFaceDetector => Files.Any(f => f.FileName == SonicModelContract.FaceDetector && f.Status == ModelFileStatus.Ok);

    /// <summary>The crop sides this folder renders: the manifest's, narrowed to the size its files fix, if any.</summary>
    public SonicResolutionSupport Resolutions => SonicResolutionSupport.From(Manifest.Resolution, Files.Select(f => f.FixedSide).FirstOrDefault(side => side is not null));

    /// <summary>One sentence naming the first problems, for a <c>model_invalid</c> error.</summary>
    public string Summary()
    {
        var problems = Files.Where(f => Required(f.FileName) && f.Status is ModelFileStatus.Invalid or ModelFileStatus.Missing)
            .Select(f => f.Status == ModelFileStatus.Missing ? $"{f.FileName} is missing" : $"{f.FileName}: {string.Join("; ", f.Problems)}")
            .ToList();
        return problems.Count == 0
            ? $"The Sonic model folder '{Directory}' satisfies the contract."
            : $"The Sonic model folder '{Directory}' does not satisfy the contract: {string.Join(" | ", problems)}.";
    }

    private static bool Required(string fileName) => SonicModelContract.Files.First(f => f.FileName == fileName).Required;
}
