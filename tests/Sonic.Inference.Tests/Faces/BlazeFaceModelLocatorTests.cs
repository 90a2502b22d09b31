using Sonic.Inference.Faces;
using Sonic.Inference.Onnx;
using Sonic.Testing;

namespace Sonic.Inference.Tests.Faces;

public sealed class BlazeFaceModelLocatorTests
{
    [Fact]
    public void Locate_NothingConfigured_FindsTheModelThatSetupInstalledAboveTheTestBinaries()
    {
        var path = BlazeFaceModelLocator.Locate(null, null, [AppContext.BaseDirectory]);

        Assert.Equal(Path.Combine(TestPaths.RepositoryRoot, BlazeFaceModelLocator.InstalledRelativePath), path);
    }

    [Fact]
    public void Locate_EnvironmentValue_WinsOverTheSearch()
    {
        var copy = Path.Combine(TestPaths.NewTempFolder(), "face.onnx");
        File.WriteAllBytes(copy, [1]);

        Assert.Equal(copy, BlazeFaceModelLocator.Locate(null, copy, [AppContext.BaseDirectory]));
    }

    [Fact]
    public void Locate_ModelNowhere_ThrowsNamingTheSetupScript()
    {
        var empty = TestPaths.NewTempFolder();

        var ex = Assert.Throws<InferenceException>(() => BlazeFaceModelLocator.Locate(null, null, [empty]));

        Assert.Contains("./scripts/setup.sh", ex.Message, StringComparison.Ordinal);
        Assert.Equal(BlazeFaceModelLocator.ModelName, ex.Model);
    }

    [Fact]
    public void Locate_ConfiguredPathMissing_ThrowsNamingThatPath()
    {
        var ex = Assert.Throws<InferenceException>(() => BlazeFaceModelLocator.Locate("/nowhere/face.onnx", null, [AppContext.BaseDirectory]));

        Assert.Contains("/nowhere/face.onnx", ex.Message, StringComparison.Ordinal);
    }
}
