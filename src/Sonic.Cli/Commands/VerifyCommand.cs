using System.CommandLine;
using System.Text.Json;
using Sonic.Cli.Output;
using Microsoft.Extensions.DependencyInjection;
using Sonic.Pipeline.Provenance;
using Sonic.Pipeline.Provenance.C2pa;
using Sonic.Pipeline.Provenance.Watermark;

namespace Sonic.Cli.Commands;

/// <summary>
/// <c>sonic verify VIDEO [--json]</c>: the video's provenance marks — its C2PA manifest, implicit AIGC label and
/// digital source type (XMP), and the invisible watermark read from its frames. Exit 0 when any mark is there, 1 when
/// none is, 2 on bad input.
/// </summary>
internal static class VerifyCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(CliOutput output)
    {
        var video = new Argument<FileInfo>("video") { Description = "The MP4 to check." };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object." };
        var verify = new Command("verify", "Show a video's provenance: its C2PA manifest, AIGC label (GB 45438-2025 XMP), digital source type and invisible watermark.");
        verify.Arguments.Add(video);
        verify.Options.Add(json);
        verify.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var services = CliServices.Build(verbose: false, output.Error);
                var report = await services.GetRequiredService<ProvenanceVerifier>().VerifyAsync(parse.GetValue(video)!.FullName, cancellationToken);
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
                    output.Out.WriteLine(C2paLine(report.C2pa));
                    output.Out.WriteLine(WatermarkLine(report.Watermark!));
                }

                return report.AnyMark ? 0 : 1;
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

    private static string C2paLine(C2paReport c2pa) => c2pa switch
    {
        { Present: false } => "c2pa        none",
        { Valid: true } => $"c2pa        valid manifest ({c2pa.Generator}, {c2pa.Animator} animator), signed by {c2pa.Signer}"
            + (c2pa.DevelopmentCertificate ? " — the untrusted development certificate" : string.Empty),
        _ => $"c2pa        INVALID manifest: {string.Join(", ", c2pa.Failures)}",
    };

    private static string WatermarkLine(WatermarkReport mark) => !mark.Found
        ? FormattableString.Invariant($"watermark   none (score {mark.Score:0.0}; marked videos score above {WatermarkDetector.Threshold:0})")
        : mark.Payload is null
        ? FormattableString.Invariant($"watermark   found (score {mark.Score:0.0}, confidence {mark.Confidence:0.######}), payload too weak to read")
        : FormattableString.Invariant($"watermark   payload {mark.Payload}, confidence {mark.Confidence:0.######}, score {mark.Score:0.0}")
            + (mark.IssuerIsThisService == true ? ", issued by this service" : ", another issuer")
            + (mark.MatchesProduceId switch { true => ", names this file's produce id", false => ", names another produce id", null => string.Empty });
}
