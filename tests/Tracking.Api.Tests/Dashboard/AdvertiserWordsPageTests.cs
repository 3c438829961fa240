using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Api.Tests.Dashboard;

/// <summary>Issue 11.2/11.3 in the console: the admin edits an advertiser's status words and postback payout on the Advertisers page.</summary>
public sealed class AdvertiserWordsPageTests
{
    [Fact]
    public async Task TheAdminSetsStatusWordsAndPostbackPayoutFromTheAdvertisersPage()
    {
        await using var scene = await ConsoleScene.StartAsync(traffic: false);
        var page = await scene.SignInAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard/advertisers");
        await page.GetByText("Edit status words").ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = $"Status words of advertiser {scene.Offer.AdvertiserId}" });
        await form.GetByLabel("Own words").FillAsync("ok=approved, Storno=rejected");
        await form.GetByLabel("Postbacks may set the affiliate payout").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("status words");
        await Expect(page.Locator("[data-field=status-words]")).ToHaveTextAsync("ok=approved, storno=rejected");
        await Expect(page.Locator("[data-field=postback-sets-payout]")).ToHaveTextAsync("yes");
        await ConsoleScene.AssertAccessibleAsync(page);
        var advertiser = await scene.ApiAsync($"/api/advertisers/{scene.Offer.AdvertiserId}");
        Assert.Equal("rejected", advertiser["status_words"]!.Str("storno"));

        await page.GetByText("Edit status words").ClickAsync();
        await form.GetByLabel("Own words").FillAsync("ok=maybe");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("invalid_status_words");
    }
}
