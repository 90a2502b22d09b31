using System.Net;
using System.Text;
using System.Text.Json;
using Sonic.Cli;
using Azure.Storage.Blobs.Models;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Reliability;

/// <summary>
/// Every case of <see cref="BadInputCorpus"/> through the CLI (in this process, as <c>sonic render … --json</c>) and
/// through the HTTP API of the real worker process: its stable code and one sentence, never a stack trace or a 500,
/// the staged inputs kept after a failed job, and the worker still serving afterwards.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class BadInputCorpusTests(WorkerFixture fixture)
{
    [Theory]
    [MemberData(nameof(BadInputCorpus.Names), MemberType = typeof(BadInputCorpus))]
    public async Task Cli_GivesTheCodeAndOneSentence(string name)
    {
        var input = BadInputCorpus.Named(name);
        var folder = TestPaths.NewTempFolder("sonic-corpus-cli");
        try
        {
            var parameters = Path.Combine(folder, "parameters.json");
            await File.WriteAllTextAsync(parameters, input.Parameters ?? "{}");
            string[] args =
            [
                "render", input.Image(), input.Audio(), "-o", Path.Combine(folder, "out.mp4"), "--json", "--params", parameters,
            ];
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = await SonicCli.RunAsync(args, stdout, stderr);

            AssertNoStackTrace(stdout + "\n" + stderr);
            using var json = JsonDocument.Parse(stdout.ToString());
            if (input.Code == BadInput.Renders)
            {
                Assert.True(exit == 0, $"{name}: exit {exit}: {stdout}");
                AssertSafeFileName(json.RootElement.GetProperty("file_name").GetString());
                return;
            }

            Assert.True(exit == 2, $"{name}: exit {exit}: {stdout}");
            var error = json.RootElement.GetProperty("error");
            Assert.Equal(input.Code, error.GetProperty("code").GetString());
            AssertOneSentence(error.GetProperty("message").GetString());
        }
        finally
        {
            TestPaths.TryDeleteFolder(folder);
        }
    }

    [Theory]
    [MemberData(nameof(BadInputCorpus.Names), MemberType = typeof(BadInputCorpus))]
    public async Task Http_GivesTheCodeAndOneSentence_KeepsTheInputs_AndServesOn(string name)
    {
        var input = BadInputCorpus.Named(name);
        using var http = fixture.Http;
        using var response = await ApiJobs.PostAsync(http, fixture.ApiBase, input.Image(), input.Audio(), input.Parameters);
        var body = await response.Content.ReadAsStringAsync();
        AssertNoStackTrace(body);
        Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode} {body}");
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            // Refused before any job: a problem document with the code.
            Assert.NotEqual(BadInput.Renders, input.ExpectedOverHttp);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal(input.ExpectedOverHttp, problem.RootElement.GetProperty("code").GetString());
            AssertOneSentence(problem.RootElement.GetProperty("detail").GetString());
        }
        else
        {
            var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
            var final = await ApiJobs.WaitForEndAsync(http, fixture.ApiBase, id, Drops.JobTimeout, () => fixture.Worker.OutputTail);
            AssertNoStackTrace(final);
            using var status = JsonDocument.Parse(final);
            if (input.ExpectedOverHttp == BadInput.Renders)
            {
                Assert.True(status.RootElement.GetProperty("status").GetString() == "completed", $"{name}: {final}");
                AssertSafeFileName(status.RootElement.GetProperty("result").GetProperty("file_name").GetString());
            }
            else
            {
                Assert.True(status.RootElement.GetProperty("status").GetString() == "failed", $"{name}: {final}");
                var error = status.RootElement.GetProperty("error");
                Assert.Equal(input.ExpectedOverHttp, error.GetProperty("code").GetString());
                AssertOneSentence(error.GetProperty("message").GetString());

                // A failure deletes no input: both staged halves are still there.
                var staged = fixture.Blobs.GetBlobContainerClient("work").GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{id}/input/", CancellationToken.None);
                var count = 0;
                await foreach (var _ in staged)
                {
                    count++;
                }

                Assert.Equal(2, count);
            }
        }

        using var health = await http.GetAsync(new Uri(fixture.ApiBase, "readyz"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(fixture.Worker.HasExited, fixture.Worker.OutputTail);
    }

    /// <summary>Input URLs into the server's own network are refused before any request leaves (no SSRF), and odd names too.</summary>
    [Theory]
    [InlineData("https://127.0.0.1/a.png", "input_download_failed")]
    [InlineData("https://localhost/a.png", "input_download_failed")]
    [InlineData("https://[::1]/a.png", "input_download_failed")]
    [InlineData("https://10.0.0.8/a.png", "input_download_failed")]
    [InlineData("https://192.168.1.1/a.png", "input_download_failed")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "input_download_failed")]
    [InlineData("https://[fd00:ec2::254]/latest/meta-data/", "input_download_failed")]
    [InlineData("http://example.com/a.png", "invalid_request")]
    [InlineData("file:///etc/passwd", "invalid_request")]
    [InlineData("../work/someone-elses/input/image.png", "invalid_request")]
    [InlineData("a\u0000b.png", "invalid_request")]
    public async Task Http_InputReference_IntoThePrivateNetworkOrOutOfUploads_IsRefused(string image, string code)
    {
        using var http = fixture.Http;
        var body = JsonSerializer.Serialize(new { image, audio = "https://203.0.113.9/a.wav" });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(fixture.ApiBase, "api/videos"), content);
        var text = await response.Content.ReadAsStringAsync();

        AssertNoStackTrace(text);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{image}: {(int)response.StatusCode} {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        AssertOneSentence(problem.RootElement.GetProperty("detail").GetString());
    }

    private static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    /// <summary>One line, ending like a sentence, short enough to show to a person.</summary>
    private static void AssertOneSentence(string? message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain('\n', message);
        Assert.InRange(message!.Length, 10, 400);
        Assert.Matches("[.!?)]$", message);
    }

    private static void AssertSafeFileName(string? fileName)
    {
        Assert.False(string.IsNullOrEmpty(fileName));
        Assert.DoesNotContain('/', fileName);
        Assert.DoesNotContain('\\', fileName);
        Assert.DoesNotContain("..", fileName, StringComparison.Ordinal);
        Assert.DoesNotContain(fileName!, char.IsControl);
    }
}
