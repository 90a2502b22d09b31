using Sonic.Media.Speech;
using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Speech;

/// <summary>
/// The speech-synthesis stage: a job's <see cref="RenderParameters.Script"/> spoken by the configured provider into
/// a WAV that then is the job's recording, so every later stage is unchanged; the word timings come along for the
/// captions.
/// </summary>
public sealed class SpeechStage(ISpeechSynthesizer synthesizer)
{
    public string Provider => synthesizer.Name;

    /// <param name="key">The job the speech belongs to (its id); null for a one-off render.</param>
    public Task<SynthesizedSpeech> RunAsync(RenderParameters parameters, string folder, CancellationToken cancellationToken, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var script = parameters.Script ?? throw new ArgumentException("The job has no script.", nameof(parameters));
        return synthesizer.SynthesizeAsync(
            new SpeechRequest(script, parameters.Voice, parameters.Language, parameters.SpeakingRate, key), Path.Combine(folder, "speech.wav"), cancellationToken);
    }
}
