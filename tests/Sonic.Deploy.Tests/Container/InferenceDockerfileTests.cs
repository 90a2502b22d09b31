using System.Text.RegularExpressions;
using Sonic.Testing;

namespace Sonic.Deploy.Tests.Container;

/// <summary>
/// The inference service's Dockerfile read as text: no Docker engine exists here to build it, so these check the
/// promises it makes to the deployment (CUDA 13 + cuDNN 9 base, non-root, a HEALTHCHECK whose tool is installed, the
/// model folder the service actually reads) rather than a built image.
/// </summary>
public sealed partial class InferenceDockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "src", "Sonic.InferenceService", "Dockerfile"));

    private static readonly string InferenceBicep = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "infra", "app", "inference.bicep"));

    [Fact]
    public void RuntimeStage_IsTheCuda13CudnnRuntimeImage()
    {
        var stages = FromLine().Matches(Dockerfile).Select(m => m.Groups["image"].Value).ToList();

        Assert.Matches(@"^nvidia/cuda:13\.[0-9.]+-cudnn-runtime-", stages[^1]);
    }

    [Fact]
    public void ModelFolder_TheServiceReads_IsUnderTheVolume_AsInTheContainerApp()
    {
        var volume = VolumeLine().Match(Dockerfile).Groups["path"].Value;
        var folder = Regex.Match(Dockerfile, @"Sonic__Models__SonicDirectory=(?<path>\S+)").Groups["path"].Value;

        Assert.Equal("/models", volume);
        Assert.Equal(volume + "/sonic", folder);

        // The container app mounts the share at modelsMountPath and points the same setting at its sonic folder.
        Assert.Contains("{ name: 'Sonic__Models__SonicDirectory', value: '${modelsMountPath}/sonic' }", InferenceBicep, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_RunsAsANonRootUser_WithAHealthcheckWhoseToolIsInstalled()
    {
        var user = Regex.Matches(Dockerfile, @"^USER\s+(?<user>\S+)", RegexOptions.Multiline)[^1].Groups["user"].Value;
        var healthcheck = Regex.Match(Dockerfile, @"^HEALTHCHECK .* CMD (?<tool>\S+) .*/healthz", RegexOptions.Multiline);

        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.True(healthcheck.Success, "no HEALTHCHECK calling /healthz");
        Assert.Matches($@"apt-get install[^\n]*\b{healthcheck.Groups["tool"].Value}\b", Dockerfile);
    }

    [GeneratedRegex(@"^FROM\s+(?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^VOLUME\s+\[""(?<path>[^""]+)""\]", RegexOptions.Multiline)]
    private static partial Regex VolumeLine();
}
