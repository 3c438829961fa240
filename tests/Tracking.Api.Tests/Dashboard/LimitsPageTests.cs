using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Api.Tests.Dashboard;

/// <summary>Issue 12.2 in the console: the admin sees the limits in force and what they refused, per minute with a sample.</summary>
public sealed class LimitsPageTests
{
    [Fact]
    public async Task TheAdminSeesTheLimitsInForceAndTheRefusedRequestsWithASample()
    {
        await using var scene = await ConsoleScene.StartAsync(traffic: false, app => app
            .With("Tracking:RateLimits:Pixels:Permits", "2").With("Tracking:RateLimits:Pixels:Window", "01:00:00")
            .With("Tracking:RateLimits:FlushEvery", "00:00:00.100"));
        var page = await scene.SignInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Limits" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nothing refused" })).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-limit=pixels]")).ToContainTextAsync("2 per hour");
        await ConsoleScene.AssertAccessibleAsync(page);
        await ConsoleScene.ScreenshotAsync(page, "limits-empty");

        var client = scene.App.Public();
        var longValue = new string('x', 600);
        for (var i = 0; i < 7; i++) await client.PixelAsync(scene.Offer.OfferId, $"goal=purchase&order_id=L{i}&adv1={longValue}");
        await Eventually.Until(() => scene.ApiAsync("/api/limits/refused"), p => (long?)p["totals"]?["pixel"] == 5);
        await page.ReloadAsync();
        await Expect(page.Locator("tr[data-limit=pixels] [data-field=refused]")).ToHaveTextAsync("5");
        var row = page.Locator("tr[data-endpoint=pixel]");
        await Expect(row.Locator("[data-field=count]")).ToHaveTextAsync("5");
        await Expect(row).ToContainTextAsync("address:127.0.0.1");
        await Expect(row).ToContainTextAsync($"/p/{scene.Offer.OfferId}.gif?goal=purchase");
        await ConsoleScene.AssertAccessibleAsync(page);
        await ConsoleScene.ScreenshotAsync(page, "limits");

        await page.GetByLabel("Endpoint").SelectOptionAsync("postback");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("endpoint=postback"));
        await Expect(page.GetByText("Nothing was refused in this range.")).ToBeVisibleAsync();

        var narrow = await scene.SignInAsync(width: 390, height: 844);
        await narrow.GotoAsync($"{scene.Tracker}/dashboard/limits");
        await Expect(narrow.Locator("tr[data-endpoint=pixel]")).ToBeVisibleAsync();
        await ConsoleScene.ScreenshotAsync(narrow, "limits-narrow");
        // The limits in force are one card per limit at 390 px: every cell inside the window, none cut at its edge.
        Assert.True(await narrow.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('table[aria-labelledby=in-force] td')].every(td => td.getBoundingClientRect().right <= window.innerWidth)"));
        scene.AssertNoBrowserErrors();
    }
}
