using Sonic.Deploy.Tests.Infrastructure;
using Sonic.Testing;
using YamlDotNet.RepresentationModel;

namespace Sonic.Deploy.Tests.Azd;

public sealed class AzureYamlTests
{
    private static YamlMappingNode Root()
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(DeploymentFiles.AzureYaml);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Service(string name) =>
        (YamlMappingNode)((YamlMappingNode)Root()["services"])[name];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    [Fact]
    public void Services_Declared_AreFunctionsAndInferenceOnTheirHosts()
    {
        var services = (YamlMappingNode)Root()["services"];
        Assert.Equal(["functions", "inference"], services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order());
        Assert.Equal("function", Scalar(Service("functions"), "host"));
        Assert.Equal("containerapp", Scalar(Service("inference"), "host"));
        Assert.Equal("bicep", Scalar((YamlMappingNode)Root()["infra"], "provider"));
        Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, Scalar((YamlMappingNode)Root()["infra"], "path"), "main.bicep")));
    }

    // The Functions and inference projects come from their own branches; these two pass once those are merged.
    [Fact]
    public void FunctionsService_ProjectPath_HoldsTheFunctionsProject()
    {
        var project = Path.Combine(TestPaths.RepositoryRoot, Scalar(Service("functions"), "project"));
        Assert.True(File.Exists(Path.Combine(project, "Sonic.Functions.csproj")), $"no Sonic.Functions.csproj in {project}");
    }

    [Fact]
    public void InferenceService_DockerfilePath_Exists()
    {
        var service = Service("inference");
        var project = Path.Combine(TestPaths.RepositoryRoot, Scalar(service, "project"));
        var docker = (YamlMappingNode)service["docker"];
        Assert.True(File.Exists(Path.Combine(project, Scalar(docker, "path"))), $"no Dockerfile in {project}");
        Assert.Equal(TestPaths.RepositoryRoot.TrimEnd('/'), Path.GetFullPath(Path.Combine(project, Scalar(docker, "context"))).TrimEnd('/'));
    }

    [Theory]
    [InlineData("postprovision")]
    [InlineData("postdeploy")]
    public void Hook_Script_ExistsIsExecutableAndParses(string name)
    {
        var hook = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Root()["hooks"])[name])["posix"];
        var script = Path.Combine(TestPaths.RepositoryRoot, Scalar(hook, "run"));
        Assert.True(File.Exists(script), script);
        Assert.NotEqual(UnixFileMode.None, File.GetUnixFileMode(script) & UnixFileMode.UserExecute);
        using var check = ToolProcess.Start("sh", ["-n", script]);
        check.WaitForExit();
        Assert.True(check.ExitCode == 0, check.StandardError.ReadToEnd());
    }
}
