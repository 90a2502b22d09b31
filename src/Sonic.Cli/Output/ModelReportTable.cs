using Sonic.Inference.SonicEngine;

namespace Sonic.Cli.Output;

/// <summary>Prints a <see cref="SonicModelReport"/> as a table: one row per contract file, then each problem.</summary>
internal static class ModelReportTable
{
    public static void Write(TextWriter writer, SonicModelReport report)
    {
        writer.WriteLine($"Sonic model folder: {report.Directory}{(report.HasManifest ? " (manifest.json)" : " (no manifest: upstream constants, dtypes from the files)")}");
        var width = report.Files.Max(f => f.FileName.Length) + 2;
        writer.WriteLine($"{"FILE".PadRight(width)}{"STATUS",-9}{"DTYPE",-7}PROBLEMS");
        foreach (var file in report.Files)
        {
            var status = file.Status switch
            {
                ModelFileStatus.Ok => "ok",
                ModelFileStatus.Invalid => "INVALID",
                ModelFileStatus.Missing => "MISSING",
                _ => "absent",
            };
            var note = file.Status == ModelFileStatus.Absent ? "optional; frames are blended to 25 fps" : string.Join("; ", file.Problems);
            writer.WriteLine($"{file.FileName.PadRight(width)}{status,-9}{file.Dtype ?? "-",-7}{note}");
        }

        if (report.IsValid)
        {
            var resolutions = report.Resolutions;
            var source = resolutions.FixedInFiles ? "fixed in the ONNX files" : report.HasManifest ? "from manifest.json" : "default range";
            writer.WriteLine($"resolutions: {resolutions.Describe()} ({source}); native {resolutions.Native} px");
            foreach (var side in resolutions.Sizes.Where(s => s == resolutions.Native || s == resolutions.Sizes[^1]).Distinct())
            {
                var measured = report.Manifest.MemoryGib.ContainsKey(side.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteLine(System.FormattableString.Invariant($"gpu memory at {side} px: about {SonicMemoryGuard.RequiredGib(report.Manifest, side):F1} GiB ({(measured ? "measured by the export's --check" : "estimated on paper")})"));
            }
        }

        writer.WriteLine(report.IsValid ? "verdict: valid" : "verdict: INVALID");
    }
}
