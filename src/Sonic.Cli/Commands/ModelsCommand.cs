using System.CommandLine;
using Sonic.Cli.Output;
using Sonic.Inference.SonicEngine;
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
        return models;
    }

    private static int Fail(CliOutput output, Exception exception)
    {
        var error = CliError.From(exception);
        output.Error.WriteLine($"error: {error.Code}: {error.Message}");
        return error.ExitCode;
    }
}
