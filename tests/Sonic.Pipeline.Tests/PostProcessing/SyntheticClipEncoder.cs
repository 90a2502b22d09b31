using SkiaSharp;
using Sonic.Media.Video;
using Sonic.Pipeline.Compositing;
using Sonic.Pipeline.PostProcessing;
using Sonic.Pipeline.Rendering;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.PostProcessing;

/// <summary>
/// The synthetic talking clip (with the speech it was drawn from) through the product's own paste-back encoder: the
/// 256 px face crop is pasted at (<see cref="CropAt"/>, <see cref="CropAt"/>) into a 400×400 frame of one grey-blue
/// colour, post-processed by <paramref name="plan"/>, encoded to <c>out.mp4</c> in the folder.
/// </summary>
internal static class SyntheticClipEncoder
{
    public const int CropAt = 72;
    public const int FrameSide = 400;

    public static async Task<(PasteBackEncodeResult Result, string Output, int Width, int Height)> EncodeAsync(
        PasteBackEncoder encoder,
        string folder,
        PostProcessPlan plan,
        int videoLagFrames = 0,
        Func<int, (double Dx, double Dy)>? jitter = null,
        Func<int, double>? gain = null,
        int? frames = null)
    {
        var loudness = SyntheticTalkingClip.Loudness.Take(frames ?? int.MaxValue).ToArray();
        var wav = Path.Combine(folder, "speech.wav");
        using (var convert = ToolProcess.Start("ffmpeg", ["-v", "error", "-y", "-i", SampleMedia.ChineseSpeechWav, "-ac", "1", "-ar", "16000", wav]))
        {
            await convert.WaitForExitAsync();
        }

        using var background = new SKBitmap(new SKImageInfo(FrameSide, FrameSide, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        background.Erase(new SKColor(90, 110, 130));
        var compositor = new PasteBackCompositor(background, CropAt, CropAt, SyntheticTalkingClip.Side, FrameSide);
        var settings = new VideoEncodeSettings(compositor.OutputWidth, compositor.OutputHeight, loudness.Length);
        var output = Path.Combine(folder, "out.mp4");
        var result = await encoder.EncodeAsync(
            SyntheticTalkingClip.Frames(loudness, videoLagFrames, jitter, gain), compositor, wav, output, settings,
            new PostProcessContext(plan, SyntheticTalkingClip.FeaturesOf(loudness)), onFrame: null, CancellationToken.None);
        return (result, output, compositor.OutputWidth, compositor.OutputHeight);
    }
}
