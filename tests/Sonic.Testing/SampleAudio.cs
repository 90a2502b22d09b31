using System.Globalization;
using Sonic.Media.Audio;

namespace Sonic.Testing;

/// <summary>Makes the audio test media: speech with espeak-ng, singing by additive synthesis, formats with ffmpeg.</summary>
internal static class SampleAudio
{
    private const string EnglishText =
        "Good morning, and welcome to our store. Today I will show you three new products, explain what each one does, and why our customers love them.";

    private const string ChineseText = "大家好，欢迎来到今天的法律课堂。我们来学习合同的基本知识。";

    /// <summary>Speech after 0.77 s of quiet room noise (-70 dBFS), the way a phone recording starts.</summary>
    public static void WriteEnglishSpeechMp3(string path)
        => Speak(path, "en-us+f3", 165, EnglishText, leadingSeconds: 0.77, totalSeconds: 10.0, ["-ar", "44100", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k", "-f", "mp3"]);

    public static void WriteChineseSpeechWav(string path)
        => Speak(path, "cmn", 195, ChineseText, leadingSeconds: 0.5, totalSeconds: 10.0, ["-ar", "44100", "-ac", "2", "-c:a", "pcm_s16le", "-f", "wav"]);

    /// <summary>
    /// A female-range voice singing a folk melody on open vowels: harmonics of a gliding pitch with vibrato, shaped by
    /// vowel formants, one syllable per note. Not speech, but voiced sound from the first to the last sample.
    /// </summary>
    public static void WriteSingingWav(string path)
    {
        const int rate = 32000;
        var samples = SungMelody(rate);
        var floatPath = path + ".f32.wav";
        FloatWavWriter.Write(floatPath, samples, rate, 1);
        try
        {
            MediaTool.Ffmpeg("-i", floatPath, "-c:a", "pcm_s16le", "-f", "wav", path);
        }
        finally
        {
            File.Delete(floatPath);
        }
    }

    private static void Speak(string path, string voice, int wordsPerMinute, string text, double leadingSeconds, double totalSeconds, string[] output)
    {
        var spoken = path + ".espeak.wav";
        using (var espeak = ToolProcess.Start("espeak-ng", ["-v", voice, "-s", wordsPerMinute.ToString(CultureInfo.InvariantCulture), "-w", spoken, text]))
        {
            var stderr = espeak.StandardError.ReadToEndAsync();
            espeak.StandardOutput.ReadToEnd();
            espeak.WaitForExit();
            if (espeak.ExitCode != 0)
            {
                throw new InvalidOperationException($"espeak-ng failed ({espeak.ExitCode}): {stderr.Result} Install it with 'apt-get install espeak-ng' (scripts/setup.sh does).");
            }
        }

        try
        {
            string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
            var delayMs = (int)Math.Round(leadingSeconds * 1000);

            // Pink noise at about -70 dBFS under the whole clip: a real room, so the silence trimmer has to judge levels.
            MediaTool.Ffmpeg(
            [
                "-i", spoken,
                "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.0006:seed=7:sample_rate=22050",
                "-filter_complex",
                $"[0:a]adelay={delayMs}:all=1,apad=whole_dur={F(totalSeconds)}[s];[s][1:a]amix=inputs=2:duration=first:normalize=0,atrim=end={F(totalSeconds)}",
                .. output, path,
            ]);
        }
        finally
        {
            File.Delete(spoken);
        }
    }

    private static float[] SungMelody(int rate)
    {
        // (MIDI note, length in half-second beats, vowel): two phrases of a public-domain folk tune, 20 beats = 10 s.
        (int Note, int Beats, int Vowel)[] score =
        [
            (67, 1, 0), (67, 1, 1), (74, 1, 0), (74, 1, 2), (76, 1, 0), (76, 1, 1), (74, 2, 0),
            (72, 1, 2), (72, 1, 0), (71, 1, 1), (71, 1, 0), (69, 1, 2), (69, 1, 0), (67, 2, 1),
            (74, 1, 0), (72, 1, 1), (71, 1, 0), (69, 1, 2),
        ];

        // Formant centres and bandwidths (Hz) of /a/, /o/, /i/ for a female voice.
        double[][] formants = [[850, 1220, 2810], [500, 900, 2830], [310, 2790, 3310]];
        double[] bandwidths = [90, 110, 170];

        var total = rate * 10;
        var output = new float[total];
        var phase = 0.0;
        var logPitch = Math.Log(Hz(score[0].Note));
        var glide = 1 - Math.Exp(-1.0 / (0.03 * rate));
        var noise = new Random(11);
        var start = 0;
        foreach (var (note, beats, vowel) in score)
        {
            var length = beats * rate / 2;
            var target = Math.Log(Hz(note));
            for (var i = 0; i < length && start + i < total; i++)
            {
                var t = i / (double)rate;
                logPitch += (target - logPitch) * glide;
                var vibrato = 0.015 * Math.Min(1, Math.Max(0, (t - 0.15) / 0.2)) * Math.Sin(2 * Math.PI * 5.5 * t);
                var f0 = Math.Exp(logPitch) * (1 + vibrato);
                phase += 2 * Math.PI * f0 / rate;

                double voiced = 0;
                for (var k = 1; k * f0 < 7000; k++)
                {
                    voiced += Formant(k * f0, formants[vowel], bandwidths) / k * Math.Sin(k * phase);
                }

                // One syllable per note: a soft onset, and a dip at the note's end where a consonant would be.
                var seconds = length / (double)rate;
                var envelope = 0.35 + (0.65 * Math.Min(1, t / 0.06) * Math.Min(1, (seconds - t) / 0.08));
                output[start + i] = (float)((envelope * voiced) + (0.004 * ((noise.NextDouble() * 2) - 1)));
            }

            start += length;
        }

        var peak = output.Max(MathF.Abs);
        var fade = rate / 50;
        for (var i = 0; i < total; i++)
        {
            var edge = Math.Min(1f, Math.Min(i, total - 1 - i) / (float)fade);
            output[i] = output[i] / peak * 0.5f * edge;
        }

        return output;

        static double Hz(int midi) => 440 * Math.Pow(2, (midi - 69) / 12.0);
    }

    private static double Formant(double frequency, double[] centres, double[] bandwidths)
    {
        double gain = 0.05;
        for (var i = 0; i < centres.Length; i++)
        {
            var x = (frequency - centres[i]) / bandwidths[i];
            gain += 1.0 / (i + 1) / (1 + (x * x));
        }

        return gain;
    }
}
