using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Api.Tests.Dashboard;

/// <summary>Issue 11.5/11.6 in the console: the offer page shows the MMP kit and maps event names; the conversion page shows the adv fields.</summary>
public sealed class MmpKitPageTests
{
    [Fact]
    public async Task TheOfferPageShowsEachMmpsPostbacksAndSavesTheEventGoals()
    {
        await using var scene = await ConsoleScene.StartAsync(traffic: false);
        var page = await scene.SignInAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard/offers/{scene.Offer.OfferId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mobile measurement partners" })).ToBeVisibleAsync();
        foreach (var mmp in new[] { "AppsFlyer", "Adjust", "Branch", "Singular", "Kochava" })
            await Expect(page.Locator("details.mmp summary", new() { HasTextString = mmp })).ToBeVisibleAsync();
        await page.Locator("details#mmp-appsflyer summary").ClickAsync();
        await Expect(page.Locator("#mmp-appsflyer-event")).ToContainTextAsync("goal=(event-name)&amount=(event-revenue)");
        await Expect(page.Locator("#mmp-appsflyer-install")).ToContainTextAsync($"/postback?click_id=(clickid)&goal=install");
        await page.Locator("details#mmp-adjust summary").ClickAsync();
        await Expect(page.Locator("#mmp-adjust-event")).ToContainTextAsync("click_id={label}&goal={event_name}");

        var form = page.GetByRole(AriaRole.Form, new() { Name = "Map event names onto goals" });
        await form.GetByLabel("Event goals").FillAsync("af_purchase=purchase, AF_Install=install");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save event goals" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Event goals saved");
        await Expect(page.Locator("[data-field=event-goals]")).ToHaveTextAsync("af_install → install, af_purchase → purchase");
        await page.Locator("details#mmp-branch summary").ClickAsync();
        await ConsoleScene.ScreenshotAsync(page, "offer-mmp");
        await ConsoleScene.AssertAccessibleAsync(page);
        var offer = await scene.ApiAsync($"/api/offers/{scene.Offer.OfferId}");
        Assert.Equal("purchase", offer["event_goals"]!.Str("af_purchase"));

        await form.GetByLabel("Event goals").FillAsync("af_level=nope");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save event goals" }).ClickAsync();
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("invalid_event_goals");
        scene.AssertNoBrowserErrors(allowRefusals: true);
    }

    [Fact]
    public async Task TheConversionPageShowsTheAdvertiserFields()
    {
        await using var scene = await ConsoleScene.StartAsync(traffic: false);
        var client = scene.App.Public();
        var (clickId, _) = await client.ClickAsync(scene.Offer);
        var response = await client.PostbackAsync($"click_id={clickId}&goal=install&adv1=1767225600&adv3=38400000-8cf0&token={scene.Offer.Token}");
        var hit = (await scene.App.Decided(await response.HitIdAsync())).Single();
        var page = await scene.SignInAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard/conversions/{hit.ConversionId}");
        await Expect(page.Locator("[data-field=adv]")).ToHaveTextAsync("adv1=1767225600 · adv3=38400000-8cf0");
        await ConsoleScene.AssertAccessibleAsync(page);
        scene.AssertNoBrowserErrors();
    }
}
