using System.CommandLine;
using System.Text.Json;
using Sonic.Cli.Output;
using Sonic.Pipeline.Provenance;

namespace Sonic.Cli.Commands;

/// <summary>
/// <c>sonic verify VIDEO [--json]</c>: the video's provenance marks — its implicit AIGC label and digital source
/// type (XMP), and whether it carries a C2PA manifest. Exit 0 when the AIGC label is there, 1 when it is not, 2 on
/// bad input.
/// </summary>
internal static class VerifyCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(CliOutput output)
    {
        var video = new Argument<FileInfo>("video") { Description = "The MP4 to check." };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object." };
        var verify = new Command("verify", "Show a video's provenance: its AIGC label (GB 45438-2025 XMP), digital source type and C2PA manifest.");
        verify.Arguments.Add(video);
        verify.Options.Add(json);
        verify.SetAction(parse =>
        {
            try
            {
                var report = ProvenanceReader.Read(parse.GetValue(video)!.FullName);
                if (parse.GetValue(json))
                {
                    output.Out.WriteLine(JsonSerializer.Serialize(report, Json));
                }
                else
                {
                    var aigc = report.Aigc;
                    output.Out.WriteLine(aigc is null
                        ? "aigc        none (no GB 45438-2025 label in the file's XMP)"
                        : $"aigc        label {aigc.Label} (AI-generated), producer {aigc.ContentProducer}, produce id {aigc.ProduceId}, propagator {aigc.ContentPropagator}, propagate id {aigc.PropagateId}");
                    output.Out.WriteLine($"source      {report.DigitalSourceType ?? "not stated"}");
                    output.Out.WriteLine($"c2pa        {(report.C2pa.Present ? "manifest present" : "none")}");
                }

                return report.Aigc is null ? 1 : 0;
            }
#pragma warning disable CA1031 // The CLI boundary turns every failure into one line and an exit code.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return CliError.Report(output, ex);
            }
        });
        return verify;
    }
}
