using PuppeteerSharp;
using Sonic.Api.Tests.Hosting;
using Sonic.Testing;

namespace Sonic.Api.Tests;

/// <summary>The studio on a server with an API key, in Chromium: it asks for the key once, then works with it for the tab.</summary>
public sealed class StudioKeyTests(KeyedVideoApiHost host) : IClassFixture<KeyedVideoApiHost>
{
    [Fact]
    public async Task Studio_OnAKeyedServer_AsksForTheKey_ThenLoadsWithIt_AndKeepsItForTheTab()
    {
        await using var browser = await StudioPage.LaunchAsync();
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(new Uri(host.BaseAddress, "/api/studio/").ToString());

        await page.WaitForFunctionAsync("() => document.getElementById('api-key-error').textContent.length > 0", new WaitForFunctionOptions { Timeout = 15_000 });
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('key-box').open"));
        Assert.Equal("api-key", await page.EvaluateExpressionAsync<string>("document.activeElement.id"));
        Assert.Null(await page.QuerySelectorAsync("body[data-ready=true]"));

        await page.TypeAsync("#api-key", KeyedVideoApiHost.Key);
        await page.Keyboard.PressAsync("Tab"); // change event: the key is kept and the page loads
        await page.WaitForSelectorAsync("body[data-ready=true]", new WaitForSelectorOptions { Timeout = 15_000 });
        Assert.Equal(string.Empty, await page.EvaluateExpressionAsync<string>("document.getElementById('api-key-error').textContent"));

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-ready=true]", new WaitForSelectorOptions { Timeout = 15_000 });
        Assert.Equal(KeyedVideoApiHost.Key, await page.EvaluateExpressionAsync<string>("document.getElementById('api-key').value"));
    }
}
