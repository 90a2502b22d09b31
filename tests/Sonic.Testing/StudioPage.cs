using PuppeteerSharp;
using Xunit;

namespace Sonic.Testing;

/// <summary>
/// Debian's headless Chromium driven by PuppeteerSharp (browser downloads are impossible here, so the system one),
/// with the checks the studio and preview-page tests share: a video that really plays, labels, contrast, keyboard
/// focus, screenshots kept under <c>TestResults/studio/</c>.
/// </summary>
public static class StudioPage
{
    public const string Chromium = "/usr/bin/chromium";

    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(TestPaths.RepositoryRoot, "TestResults", "studio")).FullName;

    public static Task<IBrowser> LaunchAsync() => Puppeteer.LaunchAsync(new LaunchOptions
    {
        Headless = true,
        ExecutablePath = Chromium,
        Args = ["--no-sandbox", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required"],
    });

    /// <summary>Plays the page's first video muted and waits until its clock has moved: it decodes, not just loads.</summary>
    public static async Task AssertVideoPlaysAsync(IPage page)
    {
        var played = await page.EvaluateFunctionAsync<double[]>("""
            async () => {
              const video = document.querySelector("video");
              video.muted = true;
              await video.play();
              const start = performance.now();
              while (video.currentTime < 0.5 && performance.now() - start < 15000) {
                await new Promise(r => setTimeout(r, 100));
              }
              return [video.currentTime, video.videoWidth, video.videoHeight];
            }
            """);
        Assert.True(played[0] >= 0.5, $"the video's clock stayed at {played[0]} s");
        Assert.True(played[1] > 0 && played[2] > 0, "the video has no picture");
    }

    /// <summary>
    /// An axe-style pass: every visible control has a label (or text), every visible text meets WCAG AA contrast
    /// (4.5:1) against the background it sits on, and nothing is wider than the viewport.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var problems = await page.EvaluateFunctionAsync<string[]>("""
            () => {
              const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden"; };
              const problems = [];
              for (const e of document.querySelectorAll("input, select, textarea, button, a[href], video")) {
                if (!visible(e) || e.type === "hidden") continue;
                const named = (e.labels && e.labels.length) || e.getAttribute("aria-label") || e.getAttribute("aria-labelledby") || e.textContent.trim() || e.tagName === "VIDEO";
                if (!named) problems.push(`unlabelled ${e.tagName.toLowerCase()}#${e.id}`);
              }
              const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
              const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
              const background = (e) => {
                for (let n = e; n; n = n.parentElement) {
                  const c = rgb(getComputedStyle(n).backgroundColor);
                  if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
                }
                return [255, 255, 255];
              };
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let t = walker.nextNode(); t; t = walker.nextNode()) {
                const e = t.parentElement;
                if (!t.textContent.trim() || !visible(e) || e.closest("video, canvas, option")) continue;
                const [a, b] = [lum(rgb(getComputedStyle(e).color).slice(0, 3)), lum(background(e))];
                const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)} for "${t.textContent.trim().slice(0, 30)}"`);
              }
              if (document.documentElement.scrollWidth > window.innerWidth + 1) {
                const wide = [...document.body.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                  .slice(-3).map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`);
                problems.push(`page ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px viewport (${wide.join(", ")})`);
              }
              return problems;
            }
            """);
        Assert.True(problems.Length == 0, $"{what}: {string.Join("; ", problems)}");
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(Path.Combine(Screenshots, name + ".png"), new ScreenshotOptions { FullPage = true });
}
