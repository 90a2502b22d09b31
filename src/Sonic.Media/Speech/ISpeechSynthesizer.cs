namespace Sonic.Media.Speech;

/// <summary>
/// Turns a script into speech with word timings. Bad requests throw <see cref="Errors.SonicJobException"/>
/// (<c>voice_unknown</c>, …); a provider that cannot run throws it with <c>tts_unavailable</c>.
/// </summary>
public interface ISpeechSynthesizer
{
    /// <summary>The provider's name (<c>espeak-ng</c>, …), as results report it.</summary>
    string Name { get; }

    Task<SynthesizedSpeech> SynthesizeAsync(SpeechRequest request, string wavPath, CancellationToken cancellationToken);
}
