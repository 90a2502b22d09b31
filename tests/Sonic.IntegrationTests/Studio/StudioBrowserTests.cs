using System.Net;
using PuppeteerSharp;
using PuppeteerSharp.Input;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Studio;

/// <summary>
/// The studio and the published preview page in a real browser (Debian's Chromium) against the real worker on
/// Azurite: drop files, render, watch, play, download; a bad file; keyboard, labels, contrast, 360 px.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class StudioBrowserTests(WorkerFixture fixture) : IAsyncLifetime
{
    private IBrowser browser = null!;

    public async Task InitializeAsync() => browser = await StudioPage.LaunchAsync();

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task Studio_PortraitAndRecording_RenderPlayAndDownloadUnderTheirName_AndThePreviewPageToo()
    {
        await using var page = await OpenStudioAsync(1280, 900);
        await (await page.QuerySelectorAsync("#image"))!.UploadFileAsync(SampleMedia.Portrait);
        await page.WaitForFunctionAsync("() => document.getElementById('portrait-caption').textContent.startsWith('Face found')", Wait);
        await (await page.QuerySelectorAsync("#audio"))!.UploadFileAsync(TestMedia.ShortSpeech);
        await SetAsync(page, "file_name", "Studio hello");
        await SetAsync(page, "min_resolution", "256");
        await SetAsync(page, "output_resolution", "360");
        await StudioPage.ScreenshotAsync(page, "studio-desktop-ready");

        // Keyboard: Render is reachable with Tab and shows where the focus is.
        Assert.True(await TabToAsync(page, "render"), "Render cannot be reached with the keyboard");
        Assert.NotEqual("none", await page.EvaluateExpressionAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync(Key.Enter);

        await page.WaitForFunctionAsync("() => document.getElementById('job-state').textContent.startsWith('Done')", new WaitForFunctionOptions { Timeout = 150_000 });
        Assert.StartsWith("Done: Studio_hello.mp4", await page.EvaluateExpressionAsync<string>("document.getElementById('job-state').textContent"), StringComparison.Ordinal);
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('result').hidden"));
        await StudioPage.AssertVideoPlaysAsync(page);
        await StudioPage.ScreenshotAsync(page, "studio-desktop-done");
        await StudioPage.AssertAccessibleAsync(page, "studio, desktop");

        // The download link saves the file under its name (Content-Disposition: attachment from the blob itself).
        var href = await page.EvaluateExpressionAsync<string>("document.getElementById('download').href");
        Assert.Equal("Download Studio_hello.mp4", await page.EvaluateExpressionAsync<string>("document.getElementById('download').textContent"));
        await AssertDownloadsAsAsync(href, "Studio_hello.mp4");
        await page.WaitForFunctionAsync("() => document.querySelector('#recent a')", Wait);

        // The published preview page plays and downloads the same way.
        var preview = await page.EvaluateExpressionAsync<string>("document.getElementById('preview-page').href");
        await using var previewPage = await browser.NewPageAsync();
        await previewPage.SetViewportAsync(new ViewPortOptions { Width = 360, Height = 740 });
        Assert.Equal(HttpStatusCode.OK, (await previewPage.GoToAsync(preview)).Status);
        await StudioPage.AssertVideoPlaysAsync(previewPage);
        await StudioPage.AssertAccessibleAsync(previewPage, "preview page, 360 px");
        AssertNoPageErrors(page);
        await StudioPage.ScreenshotAsync(previewPage, "preview-360");
        var previewDownload = await previewPage.EvaluateExpressionAsync<string>("document.querySelector('a[download]').href");
        await AssertDownloadsAsAsync(previewDownload, "Studio_hello.mp4");
    }

    [Fact]
    public async Task Studio_At360Pixels_IsUsable_AndABadRecordingShowsItsSentenceBesideTheField()
    {
        var folder = TestPaths.NewTempFolder("sonic-studio");
        try
        {
            await RenderABadRecordingAsync(Path.Combine(folder, "notes.wav"));
        }
        finally
        {
            TestPaths.TryDeleteFolder(folder);
        }
    }

    private async Task RenderABadRecordingAsync(string bad)
    {
        await File.WriteAllTextAsync(bad, "these are my notes, not a recording");
        await using var page = await OpenStudioAsync(360, 800);
        await StudioPage.AssertAccessibleAsync(page, "studio, 360 px, empty");
        await (await page.QuerySelectorAsync("#image"))!.UploadFileAsync(SampleMedia.Portrait);
        await page.WaitForFunctionAsync("() => document.getElementById('portrait-caption').textContent.startsWith('Face found')", Wait);
        await (await page.QuerySelectorAsync("#audio"))!.UploadFileAsync(bad);
        await SetAsync(page, "min_resolution", "256");
        await SetAsync(page, "output_resolution", "360");
        await page.ClickAsync("#render");

        await page.WaitForFunctionAsync("() => document.getElementById('audio-error').textContent.length > 0", new WaitForFunctionOptions { Timeout = 150_000 });
        var sentence = await page.EvaluateExpressionAsync<string>("document.getElementById('audio-error').textContent");
        Assert.EndsWith(".", sentence, StringComparison.Ordinal);
        Assert.Contains("audio", sentence, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("true", await page.EvaluateExpressionAsync<string>("document.getElementById('audio').getAttribute('aria-invalid')"));
        await StudioPage.ScreenshotAsync(page, "studio-360-error");
        await StudioPage.AssertAccessibleAsync(page, "studio, 360 px, with an error");
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task Studio_Script_IsSpokenAndRendered()
    {
        await using var page = await OpenStudioAsync(1280, 900);
        await (await page.QuerySelectorAsync("#image"))!.UploadFileAsync(SampleMedia.Portrait);
        // The portrait preview moves everything below it: click once it is drawn.
        await page.WaitForFunctionAsync("() => document.getElementById('portrait-caption').textContent.startsWith('Face found')", Wait);
        await page.ClickAsync("input[name=speech-source][value=script]");
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('script-panel').hidden"));
        await page.TypeAsync("#script", "Welcome to the studio.");
        await page.SelectAsync("#voice", "en-GB");
        await SetAsync(page, "min_resolution", "256");
        await SetAsync(page, "output_resolution", "360");
        await page.ClickAsync("#render");

        // Done, or an error sentence somewhere (then the assertion shows it).
        await page.WaitForFunctionAsync(
            "() => !document.getElementById('result').hidden || [...document.querySelectorAll('.field-error')].some(e => e.textContent)",
            new WaitForFunctionOptions { Timeout = 150_000 });
        var errors = await page.EvaluateExpressionAsync<string>("[...document.querySelectorAll('.field-error')].map(e => e.textContent).join(' ')");
        Assert.True(errors.Trim().Length == 0, errors);
        Assert.StartsWith("Done:", await page.EvaluateExpressionAsync<string>("document.getElementById('job-state').textContent"), StringComparison.Ordinal);
        await StudioPage.AssertVideoPlaysAsync(page);
        AssertNoPageErrors(page);
    }

    private static readonly WaitForFunctionOptions Wait = new() { Timeout = 30_000 };

    private readonly Dictionary<IPage, List<string>> pageErrors = [];

    /// <summary>No script error happened on the page, from loading it to now.</summary>
    private void AssertNoPageErrors(IPage page) => Assert.Empty(pageErrors[page]);

    private async Task<IPage> OpenStudioAsync(int width, int height)
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        var errors = new List<string>();
        pageErrors[page] = errors;
        page.PageError += (_, e) => errors.Add(e.Message);
        var response = await page.GoToAsync(new Uri(fixture.ApiBase, "/").ToString());
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.EndsWith("/api/studio/", page.Url, StringComparison.Ordinal);
        await page.WaitForSelectorAsync("body[data-ready=true]", new WaitForSelectorOptions { Timeout = 15_000 });
        Assert.Empty(errors);
        return page;
    }

    private static Task SetAsync(IPage page, string id, string value) =>
        page.EvaluateFunctionAsync("(id, value) => { const e = document.getElementById(id); e.value = value; e.dispatchEvent(new Event('change')); }", id, value);

    private static async Task<bool> TabToAsync(IPage page, string id)
    {
        await page.EvaluateExpressionAsync("document.activeElement && document.activeElement.blur()");
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync(Key.Tab);
            if (await page.EvaluateExpressionAsync<string>("document.activeElement && document.activeElement.id") == id)
            {
                return true;
            }
        }

        return false;
    }

    private async Task AssertDownloadsAsAsync(string url, string fileName)
    {
        using var http = fixture.Http;
        using var response = await http.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }
}
