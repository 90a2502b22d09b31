namespace Sonic.Inference.SonicEngine;

/// <summary>The verifier's verdict on a whole model folder.</summary>
public sealed record SonicModelReport(string Directory, IReadOnlyList<ModelFileReport> Files, SonicManifest Manifest, bool HasManifest)
{
    public bool IsValid => Files.All(f => f.Status is ModelFileStatus.Ok or ModelFileStatus.Absent);

    public bool HasRife => Files.Any(f => f.FileName == SonicModelContract.Rife && f.Status == ModelFileStatus.Ok);

    /// <summary>The folder brings upstream's face detector (<c>face_detector.onnx</c>).</summary>
    public bool HasFaceDetector => Files.Any(f => f.FileName == SonicModelContract.FaceDetector && f.Status == ModelFileStatus.Ok);

    /// <summary>The crop sides this folder renders: the manifest's, narrowed to the size its files fix, if any.</summary>
    public SonicResolutionSupport Resolutions => SonicResolutionSupport.From(Manifest.Resolution, Files.Select(f => f.FixedSide).FirstOrDefault(side => side is not null));

    /// <summary>One sentence naming the first problems, for a <c>model_invalid</c> error.</summary>
    public string Summary()
    {
        var problems = Files.Where(f => f.Status is ModelFileStatus.Invalid or ModelFileStatus.Missing)
            .Select(f => f.Status == ModelFileStatus.Missing ? $"{f.FileName} is missing" : $"{f.FileName}: {string.Join("; ", f.Problems)}")
            .ToList();
        return problems.Count == 0
            ? $"The Sonic model folder '{Directory}' satisfies the contract."
            : $"The Sonic model folder '{Directory}' does not satisfy the contract: {string.Join(" | ", problems)}.";
    }
}
