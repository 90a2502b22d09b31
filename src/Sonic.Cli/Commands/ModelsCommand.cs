using System.CommandLine;
using Sonic.Cli.Output;
using Microsoft.Extensions.DependencyInjection;
using Sonic.Inference.SonicEngine;
using Sonic.Inference.SonicEngine.Parity;
using Sonic.Pipeline.Parity;
using Sonic.Media.Errors;

namespace Sonic.Cli.Commands;

/// <summary><c>sonic models verify DIR</c>: checks a Sonic model folder against the ONNX contract, before any GPU job.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliOutput output)
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "Folder holding the Sonic ONNX files (and optionally manifest.json)." };
        var verify = new Command("verify", "Check every file's input/output names, ranks and dtypes against the Sonic ONNX contract.");
        verify.Arguments.Add(directory);
        verify.SetAction(parse =>
        {
            try
            {
                var report = SonicModelVerifier.Verify(parse.GetValue(directory)!.FullName);
                ModelReportTable.Write(output.Out, report);
                if (report.IsValid)
                {
                    return 0;
                }

                return Fail(output, new SonicJobException(ErrorCodes.ModelInvalid, report.Summary()));
            }
#pragma warning disable CA1031 // The CLI boundary turns every failure into one line and an exit code.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return Fail(output, ex);
            }
        });

        var models = new Command("models", "Work with Sonic model folders.");
        models.Subcommands.Add(verify);
        models.Subcommands.Add(Parity(output));
        return models;
    }

    /// <summary>
    /// <c>sonic models parity DIR DUMP</c>: runs this engine on an upstream parity dump (models/export/parity.py) and
    /// prints stage | max abs diff | tolerance | ok, stopping at the first stage that is off. Exit 0 when all agree, 1
    /// when a stage is off, 2 on bad input.
    /// </summary>
    private static Command Parity(CliOutput output)
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "The Sonic model folder to check." };
        var dump = new Argument<DirectoryInfo>("dump") { Description = "A folder written by models/export/parity.py (parity.json and .npy files)." };
        var skip = new Option<string>("--skip") { Description = "Comma-separated stages whose difference should not stop the comparison (e.g. crop_box when the face detectors differ)." };
        var parity = new Command("parity", "Compare this engine's intermediate values with an upstream Sonic dump, stage by stage.");
        parity.Arguments.Add(directory);
        parity.Arguments.Add(dump);
        parity.Options.Add(skip);
        parity.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var services = CliServices.Build(verbose: false, output.Error);
                var skipped = (parse.GetValue(skip) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                var rows = services.GetRequiredService<SonicParityRunner>().Run(
                    parse.GetValue(directory)!.FullName, parse.GetValue(dump)!.FullName, skipped, cancellationToken);
                output.Out.WriteLine(SonicParityComparer.Format(rows));
                if (rows.FirstOrDefault(r => r.Verdict == SonicParityVerdict.Off) is { } off)
                {
                    output.Out.WriteLine($"parity: first stage off: {off.Stage}");
                    return 1;
                }

                output.Out.WriteLine($"parity: all {rows.Count} stages agree");
                return 0;
            }
#pragma warning disable CA1031 // The CLI boundary turns every failure into one line and an exit code.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return Fail(output, ex);
            }
        });
        return parity;
    }

    private static int Fail(CliOutput output, Exception exception) => CliError.Report(output, exception);
}
