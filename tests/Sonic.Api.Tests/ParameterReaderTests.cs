using System.Text.Json.Nodes;
using Sonic.Pipeline.Jobs;
using Sonic.Media.Errors;

namespace Sonic.Api.Tests;

public sealed class ParameterReaderTests
{
    [Fact]
    public void AddFormFields_TypesEachFieldAsItsParameter()
    {
        var fields = new Dictionary<string, string>
        {
            ["min_resolution"] = "512",
            ["trim_silence"] = "False",
            ["dynamic_scale"] = "1.25",
            ["file_name"] = "true",
            ["seed"] = "0",
        };

        var parameters = ParameterReader.FromJson(ParameterReader.AddFormFields([], fields));

        Assert.Equal(512, parameters.MinResolution);
        Assert.False(parameters.TrimSilence);
        Assert.Equal(1.25, parameters.DynamicScale);
        Assert.Equal("true", parameters.FileName);
        Assert.Equal(0, parameters.Seed);
        Assert.True(parameters.SmoothMotion);
    }

    [Fact]
    public void AddFormFields_OverridesTheParametersPart()
    {
        var merged = ParameterReader.AddFormFields(ParameterReader.ParseObject("{\"seed\": 1, \"motion_scale\": 0.9}"), [new("seed", "2")]);

        var parameters = ParameterReader.FromJson(merged);

        Assert.Equal(2, parameters.Seed);
        Assert.Equal(0.9, parameters.MotionScale);
    }

    [Fact]
    public void FromJson_Null_GivesTheDefaults()
    {
        var parameters = ParameterReader.FromJson(null);

        // No min_resolution: the model's native size (Sonic's folder says), 1024 for the built-in animator.
        Assert.Null(parameters.MinResolution);
        Assert.Equal(1024, parameters.CropSide(native: null));
        Assert.Equal(512, parameters.CropSide(native: 512));
        Assert.Equal(Sonic.Inference.Animation.CropSizePolicy.Native, parameters.SizePolicy);
    }

    [Theory]
    [InlineData("{\"min_resolution\": 768}", Sonic.Inference.Animation.CropSizePolicy.Nearest)]
    [InlineData("{\"min_resolution\": 768, \"strict_resolution\": true}", Sonic.Inference.Animation.CropSizePolicy.Strict)]
    [InlineData("{\"strict_resolution\": true}", Sonic.Inference.Animation.CropSizePolicy.Native)]
    public void FromJson_AChosenResolution_IsKeptAndItsPolicyFollowsStrictMode(string json, Sonic.Inference.Animation.CropSizePolicy policy)
    {
        var parameters = ParameterReader.FromJson(JsonNode.Parse(json));

        Assert.Equal(policy, parameters.SizePolicy);
        Assert.Equal(json.Contains("768", StringComparison.Ordinal) ? 768 : 512, parameters.CropSide(native: 512));
    }

    [Theory]
    [InlineData("{\"min_resolution\": 1000}", "min_resolution")]
    [InlineData("{\"MinResolution\": 512}", "MinResolution")]
    [InlineData("{\"seed\": 1.5}", "seed")]
    [InlineData("{\"calibrate_lipsync\": \"yes\"}", "calibrate_lipsync")]
    [InlineData("\"text\"", "JSON object")]
    public void FromJson_BadInput_ThrowsInvalidParameterNamingIt(string json, string named)
    {
        var error = Assert.Throws<SonicJobException>(() => ParameterReader.FromJson(JsonNode.Parse(json)));

        Assert.Equal(ErrorCodes.InvalidParameter, error.Code);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
