using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sonic.Cli.Output;
using Sonic.Media.Errors;
using Sonic.Media.Speech;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Models;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Rendering;
using Sonic.Pipeline.Speech;

namespace Sonic.Cli.Commands;

/// <summary>
/// <c>sonic render IMAGE AUDIO [-o out.mp4] [parameters…] [--model sonic|builtin] [--model-dir DIR] [--json]</c>, or
/// <c>sonic render IMAGE --script "…" [--voice en-US]</c> (speech synthesised first, captions beside the video):
/// every stage in this process.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(CliOutput output)
    {
        var image = new Argument<FileInfo>("image") { Description = "Portrait image (PNG, JPEG or WebP; recognised by content)." };
        var audio = new Argument<FileInfo?>("audio")
        {
            Description = "Speech recording (WAV, MP3, M4A, OGG, FLAC…); leave it out with --script.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var outputPath = new Option<FileInfo>("--output", "-o") { Description = "Where to write the MP4 (default: out/<file-name>.mp4)." };
        var json = new Option<bool>("--json") { Description = "Print the result (or the error) as one JSON object." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log what each stage does, and stack traces on internal errors." };
        var modelDirectory = new Option<DirectoryInfo>("--model-dir")
        {
            Description = "Sonic model folder for this run (overrides Sonic__Models__SonicDirectory); verified before any work.",
        };
        var parameters = new RenderParameterOptions();

        var command = new Command("render", "Render a talking-head MP4 from one portrait and one speech file, in this process.");
        command.Arguments.Add(image);
        command.Arguments.Add(audio);
        command.Options.Add(outputPath);
        foreach (var option in parameters.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(modelDirectory);
        command.Options.Add(json);
        command.Options.Add(verbose);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            var isVerbose = parse.GetValue(verbose);
            var reporter = new RenderReporter(output, asJson);
            try
            {
                var preset = parse.GetValue(parameters.Preset) is { } name ? RenderPresets.Get(name) : new RenderParameters();
                var baseline = LoadParamsFile(parse.GetValue(parameters.ParamsFile), preset);
                var p = parameters.Apply(parse, baseline).Validate();
                var imagePath = parse.GetValue(image)!.FullName;
                var target = parse.GetValue(outputPath)?.FullName
                    ?? Path.Combine("out", DownloadFileName.Sanitize(p.FileName ?? Path.GetFileNameWithoutExtension(imagePath)) + ".mp4");

                var sonicFolder = parse.GetValue(modelDirectory)?.FullName;
                await using var services = CliServices.Build(isVerbose, output.Error, sonicFolder);
                if (sonicFolder is not null)
                {
                    // An operator who names a folder wants it used: a broken one is model_invalid now, not a quiet fallback.
                    services.GetRequiredService<AnimatorCatalog>().RequireSonic();
                }

                var recording = parse.GetValue(audio)?.FullName;
                RecordingOrScript.Check(recording is not null, p);
                using var speechFolder = recording is null ? ScratchFolder.Create("speech") : null;
                IReadOnlyList<WordTiming>? words = null;
                if (speechFolder is not null)
                {
                    var speech = await services.GetRequiredService<SpeechStage>().RunAsync(p, speechFolder.Path, cancellationToken).ConfigureAwait(false);
                    (recording, words) = (speech.WavPath, speech.Words);
                }

                var renderer = services.GetRequiredService<InProcessRenderer>();
                var result = await renderer.RenderAsync(new RenderRequest(imagePath, recording!, target, p, words), reporter, cancellationToken).ConfigureAwait(false);
                reporter.Done(result);
                return 0;
            }
#pragma warning disable CA1031 // The CLI boundary turns every failure into one line and an exit code.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return reporter.Failed(CliError.From(ex), isVerbose ? ex : null);
            }
        });
        return command;
    }

    /// <summary>The file's parameters laid over <paramref name="baseline"/> (the preset): names it leaves out keep the preset's.</summary>
    private static RenderParameters LoadParamsFile(FileInfo? file, RenderParameters baseline)
    {
        if (file is null)
        {
            return baseline;
        }

        if (!file.Exists)
        {
            throw new SonicJobException(ErrorCodes.InputNotFound, $"The parameters file '{file.FullName}' does not exist.");
        }

        try
        {
            var merged = JsonSerializer.SerializeToNode(baseline, ParameterJson.Options)!.AsObject();
            if (JsonNode.Parse(File.ReadAllText(file.FullName)) is JsonObject given)
            {
                foreach (var (key, value) in given.ToList())
                {
                    given.Remove(key);
                    merged[key] = value;
                }
            }

            return merged.Deserialize<RenderParameters>(ParameterJson.Options) ?? baseline;
        }
        catch (JsonException ex)
        {
            throw new SonicJobException(ErrorCodes.InvalidParameter, $"The parameters file is not valid JSON: {ex.Message}", ex);
        }
    }
}
