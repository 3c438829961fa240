using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Tracking.Api.Tests.Ingress.Browser;

namespace Tracking.Api.Tests.Dashboard;

public sealed record OtherTenant(int OfferId, int AffiliateId, string ConversionId, string OrderId);

/// <summary>
/// The product with traffic sent through its own ingress (clicks, pixels, postbacks, refusals, a hostile value), and
/// Debian's Chromium signed in to the console. Every page visited is checked for console errors and CSP violations.
/// </summary>
public sealed class ConsoleScene : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    public const string Hostile = "<script>window.pwned=1</script><b>bold</b>";

    private ConsoleScene(TrackingApp app, Chromium chromium, Seeded offer, string tracker) =>
        (App, Chromium, Offer, Tracker) = (app, chromium, offer, tracker);

    public TrackingApp App { get; }
    public Chromium Chromium { get; }
    public Seeded Offer { get; }
    public string Tracker { get; }
    public List<string> BrowserErrors { get; } = [];

    public static async Task<ConsoleScene> StartAsync(bool traffic = true, Action<TrackingApp>? configure = null)
    {
        var chromium = await Chromium.LaunchAsync();
        var app = new TrackingApp();
        configure?.Invoke(app);
        var offer = await app.OfferAsync();
        var scene = new ConsoleScene(app, chromium, offer, app.Public().BaseAddress!.ToString().TrimEnd('/'));
        if (traffic) await scene.SendTrafficAsync();
        return scene;
    }

    /// <summary>Three orders seen by both methods (one with amounts that disagree), one by the pixel only, refused postbacks.</summary>
    private async Task SendTrafficAsync()
    {
        var client = App.Public();
        var o = Offer;
        foreach (var (order, pixel, postback) in new[] { ("A-1", "25", "25"), ("A-2", "40", "40"), ("A-3", "30", "35") })
        {
            var (click, cookie) = await client.ClickAsync(o, "&sub1=newsletter");
            Assert.True((await client.PixelAsync(o.OfferId, $"goal=purchase&amount={pixel}&order_id={order}", cookie)).IsSuccessStatusCode);
            Assert.True((await client.PostbackAsync($"click_id={click}&goal=purchase&amount={postback}&order_id={order}&token={o.Token}")).IsSuccessStatusCode);
        }
        var (lone, jar) = await client.ClickAsync(o);
        var hostile = Uri.EscapeDataString(Hostile);
        Assert.True((await client.PixelAsync(o.OfferId, $"goal=purchase&amount=12&order_id=B-{hostile}&adv1={hostile}", jar)).IsSuccessStatusCode);
        Assert.False((await client.PostbackAsync($"click_id={lone}&goal=purchase&amount=12&order_id=B-2&token=wrong")).IsSuccessStatusCode);
        Assert.False((await client.PostbackAsync($"click_id=forged-click&goal=purchase&token={o.Token}")).IsSuccessStatusCode);
        await App.AllDecided();
    }

    /// <summary>A browser page signed in with <paramref name="key"/> (the bootstrap admin key by default).</summary>
    public async Task<IPage> SignInAsync(string? key = null, int width = 1280, int height = 900)
    {
        var context = await Chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") lock (BrowserErrors) BrowserErrors.Add(message.Text); };
        page.PageError += (_, error) => { lock (BrowserErrors) BrowserErrors.Add(error); };
        // Committed is enough: the callers navigate or wait on what they read next. Waiting for the load state as well
        // has hung for 30 s twice in CI (the sign-in's navigation done, its "load" never reported), on this page only, and
        // waiting for the commit once more (MmpKitPageTests, 2026-12-06: no navigation reported after the click at all).
        // Not reproduced outside a loaded CI run; so a second try, with a warning that names the stall, before failing.
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync($"{Tracker}/dashboard/sign-in");
            await page.GetByLabel("API key").FillAsync(key ?? TrackingApp.AdminKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/sign-in"), new() { WaitUntil = WaitUntilState.Commit, Timeout = 20_000 });
                return page;
            }
            catch (TimeoutException) when (attempt == 1)
            {
                TestContext.Current.AddWarning($"Signing in did not leave {page.Url} within 20 s; signing in again.");
            }
        }
    }

    /// <summary>The page's picture in <c>docs/console/</c>, where the user guide shows it.</summary>
    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Repository.Root(), "docs", "console", name + ".png"), FullPage = true });

    /// <summary>axe-core on the page as it is: no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(bad.Count == 0, $"{page.Url}: " + string.Join("\n", bad));
    }

    /// <summary>
    /// No script error, failed resource or CSP violation was reported by any page of the scene (a test that opens an id or a page it may
    /// not see allows the browser's note of that 404 or 403 answer).
    /// </summary>
    public void AssertNoBrowserErrors(bool allowRefusals = false)
    {
        lock (BrowserErrors)
        {
            var errors = BrowserErrors.Where(e => !(allowRefusals && (e.Contains("status of 404") || e.Contains("status of 403")))).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }

    /// <summary>A key made through <c>POST /api/keys</c>.</summary>
    public async Task<string> KeyAsync(string role, int? advertiserId = null, int? affiliateId = null)
    {
        var created = await App.Api().PostJson("/api/keys",
            new { name = $"{role} key", role, advertiser_id = advertiserId, affiliate_id = affiliateId });
        return (await created.Json(System.Net.HttpStatusCode.Created)).Str("key");
    }

    /// <summary>A second advertiser, affiliate and offer with one conversion made by a postback.</summary>
    public async Task<OtherTenant> OtherTenantAsync()
    {
        var other = await App.OfferAsync();
        var client = App.Public();
        var (click, _) = await client.ClickAsync(other);
        Assert.True((await client.PostbackAsync($"click_id={click}&goal=purchase&amount=9&order_id=Z-9&token={other.Token}")).IsSuccessStatusCode);
        await App.AllDecided();
        var conversion = (await ApiAsync($"/api/conversions?offer_id={other.OfferId}")).Items().Single();
        return new OtherTenant(other.OfferId, other.AffiliateId, conversion.Str("id"), "Z-9");
    }

    public async Task<JsonNode> ApiAsync(string path) => await App.Api().GetJson(path);

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await App.DisposeAsync();
    }
}
