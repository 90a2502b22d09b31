using System.Xml.Linq;
using Sonic.Testing;

namespace Sonic.Deploy.Tests.Repository;

/// <summary>What ships is built from production packages: no test host, test framework or browser driver in src/.</summary>
public sealed class ProductionPackagesTests
{
    private static readonly string[] TestOnly =
    [
        "Microsoft.DurableTask.InProcessTestHost", "Microsoft.NET.Test.Sdk", "xunit", "xunit.runner.visualstudio",
        "PuppeteerSharp", "OpenTelemetry.Exporter.InMemory",
    ];

    [Fact]
    public void NoSourceProject_ReferencesATestOnlyPackage()
    {
        var projects = Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories);
        Assert.NotEmpty(projects);
        var offending = projects
            .SelectMany(project => XDocument.Load(project).Descendants("PackageReference")
                .Select(reference => (Project: Path.GetFileName(project), Package: (string?)reference.Attribute("Include"))))
            .Where(r => TestOnly.Contains(r.Package, StringComparer.OrdinalIgnoreCase))
            .ToList();

        Assert.True(offending.Count == 0, string.Join(", ", offending.Select(r => $"{r.Project} → {r.Package}")));
    }
}
