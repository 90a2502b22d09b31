namespace Sonic.Deploy.Tests.Infrastructure;

[Collection(CompiledTemplateCollection.Name)]
public sealed class BicepCompilationTests(CompiledTemplate template)
{
    [Fact]
    public void Build_MainTemplate_CompilesWithoutWarnings()
    {
        Assert.True(template.Build.ExitCode == 0, template.Build.Describe());
        Assert.DoesNotContain("Warning", template.Build.StandardError, StringComparison.Ordinal);
        Assert.Equal("subscription", SchemaScope(template.Root));
    }

    [Fact]
    public void Lint_MainTemplate_ReportsNothing()
    {
        // bicep lint exits 0 on warnings, so the output itself must be empty.
        Assert.True(template.Lint.ExitCode == 0, template.Lint.Describe());
        Assert.Equal(string.Empty, template.Lint.StandardError.Trim());
        Assert.Equal(string.Empty, template.Lint.StandardOutput.Trim());
    }

    private static string SchemaScope(System.Text.Json.Nodes.JsonObject root) =>
        ((string?)root["$schema"] ?? string.Empty).Contains("subscriptionDeploymentTemplate", StringComparison.Ordinal)
            ? "subscription"
            : "other";
}
