using Sonic.Testing;

namespace Sonic.Deploy.Tests.Infrastructure;

/// <summary>Paths of the deployment files in the repository.</summary>
public static class DeploymentFiles
{
    public static string MainBicep => Path.Combine(TestPaths.RepositoryRoot, "infra", "main.bicep");

    public static string MainParameters => Path.Combine(TestPaths.RepositoryRoot, "infra", "main.parameters.json");

    public static string AzureYaml => Path.Combine(TestPaths.RepositoryRoot, "azure.yaml");

    public static string FfmpegTargets => Path.Combine(TestPaths.RepositoryRoot, "infra", "functions", "BundleFfmpeg.targets");
}
