using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Api.Tests.Dashboard;

/// <summary>Issue 10: the console in a real Chromium over a real socket and SQLite file, with traffic sent through the ingress.</summary>
public sealed class ConsolePagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPageRendersTheSeededTrafficWithoutErrorsOrAccessibilityViolations()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var page = await scene.SignInAsync();
        var conversions = (await scene.ApiAsync("/api/conversions")).Items();
        var merged = conversions.First(c => c.Str("order_id") == "A-3");

        var tour = new (string Path, string Name, string Expect)[]
        {
            ("/dashboard", "overview", "Conversions per day by method"),
            ("/dashboard/conversions", "conversions", "A-3"),
            ($"/dashboard/conversions/{merged.Str("id")}", "conversion", "amount_mismatch"),
            ("/dashboard/hits?method=postback", "postback-log", "token_invalid"),
            ("/dashboard/hits?method=pixel", "pixel-log", "converted"),
            ("/dashboard/hits", "hits", "Hits are kept 90 days"),
            ("/dashboard/offers", "offers", "Shop"),
            ($"/dashboard/offers/{scene.Offer.OfferId}", "offer", "Integration kit"),
            ("/dashboard/advertisers", "advertisers", "Acme"),
            ("/dashboard/affiliates", "affiliates", "Partner"),
            ($"/dashboard/affiliates/{scene.Offer.AffiliateId}", "affiliate", "Forwarding templates"),
            ("/dashboard/deliveries", "deliveries", "No deliveries"),
        };
        foreach (var (path, name, expect) in tour)
        {
            var response = await page.GotoAsync(scene.Tracker + path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("main")).ToContainTextAsync(expect);
            Assert.Contains("frame-ancestors 'none'", await response.HeaderValueAsync("content-security-policy"));
            await ConsoleScene.ScreenshotAsync(page, name);
            await ConsoleScene.AssertAccessibleAsync(page);
        }
        scene.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task OverviewShowsTheReportsFiguresAndDrawsThemAsCharts()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var page = await scene.SignInAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var report = (await scene.ApiAsync($"/api/reports/discrepancies?group_by=day&from={today}&to={today}")).Items();
        var day = Assert.Single(report);

        await page.GotoAsync($"{scene.Tracker}/dashboard?from={today}&to={today}");
        await Expect(page.Locator("[data-figure=conversions]")).ToHaveTextAsync(day["conversions"]!.ToString());
        await Expect(page.Locator("[data-figure=both]")).ToHaveTextAsync(day["both"]!.ToString());
        await Expect(page.Locator("[data-figure=pixel_only]")).ToHaveTextAsync(day["pixel_only"]!.ToString());
        await Expect(page.Locator("[data-figure=amount_mismatch]")).ToHaveTextAsync(day["amount_mismatch"]!.ToString());
        await Expect(page.Locator("[data-reason=token_invalid]")).ToHaveTextAsync(day["reasons"]!["token_invalid"]!.ToString());

        // The charts hold the report's points, one per day and series.
        await page.WaitForFunctionAsync("() => window.trackingCharts && window.trackingCharts['chart-methods']");
        var points = await page.EvaluateAsync<JsonElement>(
            "() => window.trackingCharts['chart-methods'].data.datasets.map(d => ({ label: d.label, data: d.data }))");
        Assert.Equal((int)day["both"]!, Series(points, "both")[0]);
        Assert.Equal((int)day["pixel_only"]!, Series(points, "pixel only")[0]);
        Assert.Equal((int)day["postback_only"]!, Series(points, "postback only")[0]);
        var rate = await page.EvaluateAsync<decimal>("() => window.trackingCharts['chart-match'].data.datasets[0].data[0]");
        Assert.Equal((decimal)day["match_rate"]!, rate);
        var drawn = await page.EvaluateAsync<int>("() => window.trackingCharts['chart-methods'].getDatasetMeta(0).data.length");
        Assert.Equal(1, drawn);
        scene.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task AFilterChangesTheFiguresAndTheUrl()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var page = await scene.SignInAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard/conversions");
        await Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(4);

        await page.GetByLabel("Discrepancy").SelectOptionAsync("amount_mismatch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("discrepancy=amount_mismatch"));
        await Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.list tbody")).ToContainTextAsync("A-3");

        // The same view opened from its link (a shared URL) shows the same rows.
        var shared = await scene.SignInAsync();
        await shared.GotoAsync(page.Url);
        await Expect(shared.Locator("table.list tbody tr")).ToHaveCountAsync(1);
    }

    /// <summary>The hit log's click filter (the API's <c>click_id</c>), typed in or reached from a click id in the table.</summary>
    [Fact]
    public async Task AClickIdShowsEveryHitOfThatClick()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var click = (await scene.ApiAsync("/api/hits?method=postback")).Items().First(h => h["order_id"]?.ToString() == "A-3").Str("click_id")!;
        var page = await scene.SignInAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard/hits");
        await page.GetByLabel("Click id").FillAsync(click);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"click_id={click}"));
        var rows = page.Locator("table.list tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "pixel" })).ToContainTextAsync("A-3");
        await Expect(rows.Filter(new() { HasText = "postback" })).ToContainTextAsync("A-3");
        await ConsoleScene.ScreenshotAsync(page, "hits-by-click");

        // From the pixel log, a row's click id opens every hit of that click, whatever the method.
        await page.GotoAsync($"{scene.Tracker}/dashboard/hits?method=pixel");
        await rows.Filter(new() { HasText = "A-3" }).GetByRole(AriaRole.Link, new() { Name = click }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{scene.Tracker}/dashboard/hits?click_id={click}");
        await Expect(rows).ToHaveCountAsync(2);

        await page.GetByLabel("Click id").FillAsync("no-such-click");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("No hit matches these filters.");

        var narrow = await scene.SignInAsync(width: 390, height: 844);
        await narrow.GotoAsync($"{scene.Tracker}/dashboard/hits?click_id={click}");
        await Expect(narrow.Locator("table.list tbody tr")).ToHaveCountAsync(2);
        await ConsoleScene.ScreenshotAsync(narrow, "hits-by-click-narrow");
        await ConsoleScene.AssertAccessibleAsync(page);
        scene.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task AnOverviewFilterChangesItsFiguresAndTheUrl()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var other = await scene.OtherTenantAsync();
        var page = await scene.SignInAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard");
        await Expect(page.Locator("[data-figure=conversions]")).ToHaveTextAsync("5");

        await page.GetByLabel("Offer").FillAsync(other.OfferId.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"offer_id={other.OfferId}"));
        var report = (await scene.ApiAsync($"/api/reports/discrepancies?group_by=day&offer_id={other.OfferId}")).Items();
        await Expect(page.Locator("[data-figure=conversions]")).ToHaveTextAsync(report.Sum(d => (int)d["conversions"]!).ToString());
        await Expect(page.Locator("[data-figure=conversions]")).ToHaveTextAsync("1");
        scene.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task DrillDownFromTheOverviewToAConversionToItsHit()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var page = await scene.SignInAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard");
        await page.Locator("table tbody tr th a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard/conversions\\?from="));
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "A-3" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.Locator("[data-field=discrepancy]")).ToHaveTextAsync("amount_mismatch");
        await Expect(page.Locator("[data-field=explanation]")).ToBeVisibleAsync();
        await page.Locator("section[aria-labelledby=hits] a").First.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Hit");
        await Expect(page.Locator("[data-field=outcome]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("converted|merged"));
        await Expect(page.Locator("table.params")).ToContainTextAsync("A-3");
        scene.AssertNoBrowserErrors();
    }

    private static int[] Series(JsonElement datasets, string label) =>
        datasets.EnumerateArray().First(d => d.GetProperty("label").GetString() == label).GetProperty("data").EnumerateArray()
            .Select(v => v.GetInt32()).ToArray();
}
