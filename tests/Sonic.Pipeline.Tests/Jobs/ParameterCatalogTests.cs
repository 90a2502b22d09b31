using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Sonic.Media.Errors;
using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Tests.Jobs;

/// <summary>The catalog clients build forms from says exactly what the server accepts.</summary>
public sealed class ParameterCatalogTests
{
    public static TheoryData<string> RangedNames => new(ParameterCatalog.All.Where(Ranged).Select(p => p.Name));

    public static TheoryData<string, string> Choices
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var spec in ParameterCatalog.All.Where(p => p.Choices is not null))
            {
                foreach (var choice in spec.Choices!)
                {
                    data.Add(spec.Name, choice);
                }
            }

            return data;
        }
    }

    [Fact]
    public void Catalog_NamesEveryParameter_OnceEach()
    {
        var names = typeof(RenderParameters).GetProperties()
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(names, ParameterCatalog.All.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(ParameterCatalog.All, p => Assert.Contains(p.Group, new[] { "basic", "advanced", "speech", "recording", "request" }));
    }

    [Fact]
    public void Defaults_AreThoseOfAFreshParameterSet()
    {
        var byName = ParameterCatalog.All.ToDictionary(p => p.Name);

        Assert.Equal(25, byName["inference_steps"].Default!.GetValue<int>());
        Assert.Equal(1.05, byName["motion_scale"].Default!.GetValue<double>());
        Assert.True(byName["trim_silence"].Default!.GetValue<bool>());
        Assert.Equal("aac", byName["audio_codec"].Default!.GetValue<string>());
        Assert.Null(byName["min_resolution"].Default);
    }

    [Theory]
    [MemberData(nameof(RangedNames))]
    public void Range_BothEndsAreAccepted_AndJustBeyondThemIsRefusedNamingTheParameter(string name)
    {
        var spec = ParameterCatalog.All.Single(p => p.Name == name);

        Validate(name, spec.Min!.Value);
        Validate(name, spec.Max!.Value);
        foreach (var beyond in new[] { spec.Min.Value - spec.Step!.Value, spec.Max.Value + spec.Step.Value })
        {
            var error = Assert.Throws<SonicJobException>(() => Validate(name, beyond));
            Assert.Equal(ErrorCodes.InvalidParameter, error.Code);
            Assert.StartsWith($"Parameter {name} must be between {spec.Min.Value.ToString(CultureInfo.InvariantCulture)} and", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Choices))]
    public void Choice_IsAccepted(string name, string choice) =>
        ParameterReader.FromJson(new JsonObject { [name] = choice }).Validate();

    private static bool Ranged(ParameterSpec spec) => spec.Min is not null && spec.Max is not null && spec.Name != "seed";

    private static void Validate(string name, double value)
    {
        var integer = ParameterCatalog.All.Single(p => p.Name == name).Type == "integer";
        ParameterReader.FromJson(new JsonObject { [name] = integer ? JsonValue.Create((int)value) : JsonValue.Create(value) }).Validate();
    }
}
