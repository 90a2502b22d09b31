using Sonic.Media.Errors;
using Sonic.Orchestration.Batches;

namespace Sonic.Orchestration.Tests.Batches;

public sealed class BatchManifestTests
{
    [Fact]
    public void Csv_ColumnsAreAudioAndParameterNames_EmptyCellsLeaveDefaults_TheItemsOwnValuesWin()
    {
        var manifest = BatchManifest.Read("week.batch.csv", "audio,file_name,seed\r\nintro.wav,Intro,3\r\n\r\n\"outro, final.wav\",,\r\n", 100)
            with { Parameters = new() { ["seed"] = 9, ["output_resolution"] = 720 } };

        Assert.Equal(["intro.wav", "outro, final.wav"], manifest.Items.Select(i => i.Audio));
        var first = manifest.ParametersOf(0);
        Assert.Equal(("Intro", 3, 720), (first.FileName, first.Seed, first.OutputResolution));
        var second = manifest.ParametersOf(1);
        Assert.Equal((null, 9), (second.FileName, second.Seed));
    }

    [Fact]
    public void Csv_FromASpreadsheetWithSemicolons_IsReadToo()
    {
        var manifest = BatchManifest.Read("x.batch.csv", "audio;motion_scale\na.wav;1.2\n", 100);

        Assert.Equal(1.2, manifest.ParametersOf(0).MotionScale);
    }

    [Fact]
    public void Json_TakesItemsParametersCallbackAndCorrelation()
    {
        var manifest = BatchManifest.Read(
            "x.batch.json",
            """{"image": "p.jpg", "parameters": {"seed": 5}, "callback_url": "https://example.com/h", "correlation_id": "c-1", "items": [{"audio": "a.wav", "file_name": "A"}]}""",
            100);

        Assert.Equal(("p.jpg", "https://example.com/h", "c-1"), (manifest.Image, manifest.CallbackUrl, manifest.CorrelationId));
        Assert.Equal(("A", 5), (manifest.ParametersOf(0).FileName, manifest.ParametersOf(0).Seed));
    }

    [Theory]
    [InlineData("x.batch.csv", "audio,colour\na.wav,red\n", ErrorCodes.InvalidParameter, "colour")]
    [InlineData("x.batch.csv", "audio\n", ErrorCodes.InvalidManifest, "no items")]
    [InlineData("x.batch.csv", "", ErrorCodes.InvalidManifest, "header")]
    [InlineData("x.batch.json", "{\"items\": 3}", ErrorCodes.InvalidManifest, "items array")]
    [InlineData("x.batch.json", "[1]", ErrorCodes.InvalidManifest, "object")]
    [InlineData("x.batch.json", "{\"items\": [{}], \"colour\": 1}", ErrorCodes.InvalidManifest, "colour")]
    [InlineData("x.batch.csv", "audio\na\nb\nc\n", ErrorCodes.InvalidManifest, "at most 2")]
    public void BadManifests_AreRefusedWithACodeAndASentence(string name, string text, string code, string mentions)
    {
        var error = Assert.Throws<SonicJobException>(() => BatchManifest.Read(name, text, 2));

        Assert.Equal(code, error.Code);
        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnItemsBadValue_IsReportedWithItsNumber()
    {
        var manifest = BatchManifest.Read("x.batch.csv", "audio,seed\na.wav,1\nb.wav,many\n", 10);

        var error = Assert.Throws<SonicJobException>(() => manifest.ParametersOf(1));
        Assert.StartsWith("Item 2: ", error.Message, StringComparison.Ordinal);
    }
}
