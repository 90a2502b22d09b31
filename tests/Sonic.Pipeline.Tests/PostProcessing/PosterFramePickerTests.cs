using Sonic.Media.Video;
using Sonic.Pipeline.PostProcessing;

namespace Sonic.Pipeline.Tests.PostProcessing;

/// <summary>
/// Synthetic crops: skin everywhere, an eye box with a dark iris on white (open) or plain skin (closed), a mouth box
/// with a dark inside of some height (open) or none (closed). The portrait they are compared with: eyes open, mouth
/// closed, at twice the crops' size (animators may emit another size than the crop they were given).
/// </summary>
public sealed class PosterFramePickerTests
{
    private const int Side = 64;
    private static readonly RegionF Eyes = new(0.2, 0.25, 0.6, 0.15);
    private static readonly RegionF Mouth = new(0.3, 0.6, 0.4, 0.2);

    [Fact]
    public void Choose_TheFirstFrameWithOpenEyesAndAClosedMouth()
    {
        var picker = Picker();
        (bool EyesOpen, int MouthOpen)[] frames =
        [
            (true, 6), (true, 4), (false, 0), (true, 5), (true, 0), (true, 0), (true, 7),
        ];
        foreach (var (eyesOpen, mouthOpen) in frames)
        {
            picker.Add(Crop(eyesOpen, mouthOpen));
        }

        Assert.Equal(4, picker.Choose());
    }

    [Fact]
    public void Choose_WithTheMouthNeverClosed_TakesTheLeastOpenAmongOpenEyes()
    {
        var picker = Picker();
        foreach (var (eyesOpen, mouthOpen) in new[] { (true, 8), (false, 1), (true, 6), (true, 7), (true, 6) })
        {
            picker.Add(Crop(eyesOpen, mouthOpen));
        }

        // "Closed" is judged against the clip: frame 2 is the first of the least open ones with open eyes.
        Assert.Equal(2, picker.Choose());
    }

    [Fact]
    public void Choose_WithNoFrames_IsTheFirst() => Assert.Equal(0, Picker().Choose());

    private static PosterFramePicker Picker()
    {
        var portrait = Crop(eyesOpen: true, mouthOpenRows: 0, scale: 2);
        return new PosterFramePicker(Mouth, Eyes, portrait.Width, portrait.Pixels);
    }

    private static RgbaFrame Crop(bool eyesOpen, int mouthOpenRows, int scale = 1)
    {
        var frame = new RgbaFrame(Side * scale, Side * scale);
        for (var y = 0; y < Side * scale; y++)
        {
            for (var x = 0; x < Side * scale; x++)
            {
                var (r, g, b) = Pixel(eyesOpen, mouthOpenRows, x / scale, y / scale);
                var i = ((y * Side * scale) + x) * 4;
                (frame.Pixels[i], frame.Pixels[i + 1], frame.Pixels[i + 2], frame.Pixels[i + 3]) = (r, g, b, 255);
            }
        }

        return frame;
    }

    private static (byte R, byte G, byte B) Pixel(bool eyesOpen, int mouthOpenRows, int x, int y)
    {
        var (r, g, b) = ((byte)205, (byte)160, (byte)135);
        var inEyes = y >= 17 && y < 26 && ((x >= 15 && x < 27) || (x >= 37 && x < 49));
        if (eyesOpen && inEyes)
        {
            (r, g, b) = (x % 12) is >= 4 and < 8 ? ((byte)30, (byte)25, (byte)25) : ((byte)240, (byte)240, (byte)235);
        }

        if (x >= 22 && x < 42 && y >= 44 && y < 44 + mouthOpenRows)
        {
            (r, g, b) = (40, 15, 20);
        }

        return (r, g, b);
    }
}
