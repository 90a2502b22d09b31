using Sonic.Pipeline.Speech;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// The durable speech stage, before Validate: a job's script spoken by the configured provider
/// (<see cref="SpeechStage"/>, as the CLI does) into <c>speech.wav</c>, then its <see cref="SpeechTrack"/> into
/// <c>speech.json</c>. A run that finds <c>speech.json</c> returns it without speaking again, so a retry neither
/// pays twice nor gets a second take.
/// </summary>
public sealed class SynthesizeStage(IArtifactStore store, SpeechStage speech, ValidateStage validate)
{
    public async Task<SpokenScript> RunAsync(JobRequest job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        RecordingOrScript.Check(job.Audio is not null, job.Parameters);
        var artifacts = new JobArtifacts(job.JobId);
        var track = await store.TryReadJsonAsync<SpeechTrack>(artifacts.Speech, cancellationToken).ConfigureAwait(false);
        if (track is null)
        {
            // A missing or unreadable portrait fails now, before a paid voice speaks for nothing.
            job.Parameters.Validate();
            await validate.CheckImageAsync(job, cancellationToken).ConfigureAwait(false);
            using var scratch = ScratchFolder.Create("speech");
            var spoken = await speech.RunAsync(job.Parameters, scratch.Path, cancellationToken, job.JobId).ConfigureAwait(false);
            await store.UploadFileAsync(artifacts.SpeechWav, spoken.WavPath, PreprocessStage.Wav, cancellationToken).ConfigureAwait(false);
            track = new SpeechTrack(speech.Provider, spoken.Voice, Math.Round(spoken.DurationSeconds, 3), spoken.Words);
            await store.WriteJsonAsync(artifacts.Speech, track, cancellationToken).ConfigureAwait(false);
        }

        return new SpokenScript(artifacts.SpeechWav, track.Provider, track.Voice, track.DurationSeconds, track.Words.Count);
    }
}
