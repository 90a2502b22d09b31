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

        writer.WriteLine(report.IsValid ? "verdict: valid" : "verdict: INVALID");
    }
}
