using System.Text.Json;
using Sonic.Media.Errors;
using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Tests.Jobs;

/// <summary>The per-job <c>model</c> parameter: "sonic", "builtin" or absent; anything else is invalid_parameter.</summary>
public sealed class RenderParametersModelTests
{
    [Theory]
    [InlineData("{\"model\": \"sonic\"}", "sonic")]
    [InlineData("{\"model\": \"builtin\"}", "builtin")]
    [InlineData("{\"model\": null}", null)]
    [InlineData("{}", null)]
    public void Validate_KnownOrAbsentModel_IsKept(string json, string? expected)
    {
        var parameters = JsonSerializer.Deserialize<RenderParameters>(json, ParameterJson.Options)!.Validate();

        Assert.Equal(expected, parameters.Model);
    }

    [Theory]
    [InlineData("Sonic")]
    [InlineData("sonic-xl")]
    [InlineData("")]
    [InlineData(" builtin")]
    public void Validate_UnknownModel_ThrowsInvalidParameterNamingModel(string model)
    {
        var ex = Assert.Throws<SonicJobException>(() => new RenderParameters { Model = model }.Validate());

        Assert.Equal(ErrorCodes.InvalidParameter, ex.Code);
        Assert.StartsWith("Parameter model ", ex.Message, StringComparison.Ordinal);
    }
}
