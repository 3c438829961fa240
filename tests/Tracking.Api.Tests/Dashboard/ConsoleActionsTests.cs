using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Api.Tests.Dashboard;

/// <summary>Issue 10: what a person does in the console (status change, test conversion, sign-in and out), hostile values, a narrow window.</summary>
public sealed class ConsoleActionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStatusChangeFromTheConversionPageIsKeptInItsHistory()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var page = await scene.SignInAsync();
        var id = (await scene.ApiAsync("/api/conversions")).Items().First(c => c.Str("order_id") == "A-1").Str("id");
        await page.GotoAsync($"{scene.Tracker}/dashboard/conversions/{id}");
        await page.GetByLabel("New status").SelectOptionAsync("rejected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Status changed to rejected");
        await Expect(page.Locator("[data-field=status]")).ToHaveTextAsync("rejected");
        await Expect(page.Locator("ol.history")).ToContainTextAsync("rejected");
        Assert.Equal("rejected", (await scene.ApiAsync($"/api/conversions/{id}")).Str("status"));
    }

    [Fact]
    public async Task ValuesFromHitsAreShownAsTextNeverRunAsMarkup()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var page = await scene.SignInAsync();
        var hit = (await scene.ApiAsync("/api/hits?method=pixel")).Items().First(h => h["adv1"]?.GetValue<string>() == ConsoleScene.Hostile);
        await page.GotoAsync($"{scene.Tracker}/dashboard/hits/{hit.Str("id")}");
        await Expect(page.Locator("table.params")).ToContainTextAsync(ConsoleScene.Hostile);
        Assert.Equal(0, await page.Locator("main b").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned"));
        await page.GotoAsync($"{scene.Tracker}/dashboard/conversions");
        Assert.Equal(0, await page.Locator("main b").CountAsync());
        scene.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task ABadKeyIsRefusedAndSigningOutEndsTheSession()
    {
        await using var scene = await ConsoleScene.StartAsync(traffic: false);
        var context = await scene.Chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard/conversions");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard/sign-in"));
        await page.GetByLabel("API key").FillAsync("trk_not_a_key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("not valid");
        await ConsoleScene.ScreenshotAsync(page, "sign-in");

        var signedIn = await scene.SignInAsync();
        var cookie = (await signedIn.Context.CookiesAsync()).Single(c => c.Name == "trk_console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        await signedIn.GotoAsync($"{scene.Tracker}/dashboard/conversions");
        await Expect(signedIn.Locator("main")).ToContainTextAsync("No conversions yet");
        await ConsoleScene.ScreenshotAsync(signedIn, "conversions-empty");
        await signedIn.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(signedIn).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard/sign-in"));
        await signedIn.GotoAsync($"{scene.Tracker}/dashboard/conversions");
        await Expect(signedIn).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard/sign-in"));
    }

    [Fact]
    public async Task PagesFitANarrowWindow()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var page = await scene.SignInAsync(width: 390, height: 844);
        var id = (await scene.ApiAsync("/api/conversions")).Items().First(c => c.Str("order_id") == "A-3").Str("id");
        foreach (var (path, name) in new[] { ("/dashboard", "overview-narrow"), ($"/dashboard/conversions/{id}", "conversion-narrow") })
        {
            await page.GotoAsync(scene.Tracker + path);
            // Nothing wider than the window but the scrolling tables.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a 390px window");
            await ConsoleScene.ScreenshotAsync(page, name);
        }
    }

    [Fact]
    public async Task ATestConversionFromTheOfferPageShowsItsOutcomesAsTheyAreDecided()
    {
        await using var scene = await ConsoleScene.StartAsync(traffic: false);
        var page = await scene.SignInAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard/offers/{scene.Offer.OfferId}");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Send a test conversion" });
        await form.GetByLabel("Goal").SelectOptionAsync("purchase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test conversion" }).ClickAsync();
        await Expect(page.Locator("#test-outcomes [data-settled=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("#test-outcomes tr[data-method=pixel] .outcome")).ToHaveTextAsync("converted");
        await Expect(page.Locator("#test-outcomes tr[data-method=postback] .outcome")).ToHaveTextAsync("merged");
        await ConsoleScene.ScreenshotAsync(page, "test-conversion");
        await ConsoleScene.AssertAccessibleAsync(page);

        await page.Locator("#test-outcomes a[href*='/dashboard/conversions/']").First.ClickAsync();
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("test");
        await page.GotoAsync($"{scene.Tracker}/dashboard");
        await Expect(page.Locator("main")).ToContainTextAsync("No conversions in this range yet");
        scene.AssertNoBrowserErrors();
    }
}
