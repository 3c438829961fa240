using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tracking.Api.Access;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Api.Tests.Dashboard;

/// <summary>Issue 10: each role signs in to the console and sees what its key may see, nothing of another tenant's.</summary>
public sealed class ConsoleRolesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdvertiserSeesItsOwnOffersConversionsAndHitsOnly()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var other = await scene.OtherTenantAsync();
        var page = await scene.SignInAsync(await scene.KeyAsync(Roles.Advertiser, advertiserId: scene.Offer.AdvertiserId));

        await page.GotoAsync($"{scene.Tracker}/dashboard/conversions");
        await Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("table.list")).Not.ToContainTextAsync(other.OrderId);
        await ConsoleScene.ScreenshotAsync(page, "advertiser-conversions");
        await page.GotoAsync($"{scene.Tracker}/dashboard/offers");
        await Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(1);
        await page.GotoAsync($"{scene.Tracker}/dashboard/hits");
        await Expect(page.Locator("table.list")).Not.ToContainTextAsync(other.OrderId);

        // Another tenant's ids answer as if they did not exist; pages of other roles are refused.
        var response = await page.GotoAsync($"{scene.Tracker}/dashboard/conversions/{other.ConversionId}");
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not found");
        Assert.Equal(404, (await page.GotoAsync($"{scene.Tracker}/dashboard/offers/{other.OfferId}"))!.Status);
        await page.GotoAsync($"{scene.Tracker}/dashboard/keys");
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard/forbidden"));
        await Expect(page.Locator("nav[aria-label=Console]")).Not.ToContainTextAsync("Keys");
        scene.AssertNoBrowserErrors(allowRefusals: true);
    }

    [Fact]
    public async Task AnAffiliateSeesItsConversionsWithPayoutButNoRevenueAndNoHitLogs()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var other = await scene.OtherTenantAsync();
        var page = await scene.SignInAsync(await scene.KeyAsync(Roles.Affiliate, affiliateId: scene.Offer.AffiliateId));

        await Expect(page).ToHaveURLAsync(new Regex("/dashboard/conversions"));
        await Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("table.list thead")).Not.ToContainTextAsync("Revenue", new() { IgnoreCase = true });
        await Expect(page.Locator("table.list thead")).ToContainTextAsync("Payout", new() { IgnoreCase = true });
        await Expect(page.Locator("table.list")).Not.ToContainTextAsync(other.OrderId);
        await ConsoleScene.ScreenshotAsync(page, "affiliate-conversions");
        await page.GotoAsync($"{scene.Tracker}/dashboard/hits");
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard/forbidden"));
        await page.GotoAsync($"{scene.Tracker}/dashboard/affiliates");
        await Expect(page).ToHaveURLAsync(new Regex($"/dashboard/affiliates/{scene.Offer.AffiliateId}$"));
        Assert.Equal(404, (await page.GotoAsync($"{scene.Tracker}/dashboard/affiliates/{other.AffiliateId}"))!.Status);
        scene.AssertNoBrowserErrors(allowRefusals: true);
    }

    [Fact]
    public async Task AnAnalystReadsEveryTenantWithSecretsMaskedAndChangesNothing()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var other = await scene.OtherTenantAsync();
        var page = await scene.SignInAsync(await scene.KeyAsync(Roles.Analyst));

        await page.GotoAsync($"{scene.Tracker}/dashboard/conversions");
        await Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(5);
        await Expect(page.Locator("table.list")).ToContainTextAsync(other.OrderId);
        await page.GotoAsync($"{scene.Tracker}/dashboard/advertisers");
        await Expect(page.Locator("table.list")).ToContainTextAsync("****");
        await Expect(page.Locator("table.list")).Not.ToContainTextAsync(scene.Offer.Token);
        await page.GotoAsync($"{scene.Tracker}/dashboard/conversions/{other.ConversionId}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change status" })).ToHaveCountAsync(0);
        await page.GotoAsync($"{scene.Tracker}/dashboard/offers/{scene.Offer.OfferId}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save offer" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#kit-postback")).Not.ToContainTextAsync(scene.Offer.Token);
        scene.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task AKeyMadeOnTheKeysPageIsShownOnceAndRevokingItEndsItsSessionAtOnce()
    {
        await using var scene = await ConsoleScene.StartAsync(traffic: false);
        var admin = await scene.SignInAsync();
        await admin.GotoAsync($"{scene.Tracker}/dashboard/keys");
        await admin.GetByLabel("Name").FillAsync("night shift");
        await admin.GetByLabel("Role").SelectOptionAsync(Roles.Analyst);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = (await admin.Locator("#new-key").TextContentAsync())!.Trim();
        Assert.StartsWith("trk_", key);
        await ConsoleScene.ScreenshotAsync(admin, "keys");
        await ConsoleScene.AssertAccessibleAsync(admin);

        // Reloading the list never shows the key again: only its prefix.
        await admin.GotoAsync($"{scene.Tracker}/dashboard/keys");
        Assert.DoesNotContain(key, await admin.ContentAsync());
        await Expect(admin.Locator("table.list")).ToContainTextAsync(key[..12]);

        var analyst = await scene.SignInAsync(key);
        await analyst.GotoAsync($"{scene.Tracker}/dashboard/conversions");
        await Expect(analyst.Locator("h1")).ToHaveTextAsync("Conversions");

        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Revoke key") }).ClickAsync();
        await Expect(admin.Locator("[role=status]")).ToContainTextAsync("revoked");
        await analyst.GotoAsync($"{scene.Tracker}/dashboard/conversions");
        await Expect(analyst).ToHaveURLAsync(new Regex("/dashboard/sign-in"));
        scene.AssertNoBrowserErrors();
    }
}
