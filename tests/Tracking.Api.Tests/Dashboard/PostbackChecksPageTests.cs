using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Api.Tests.Dashboard;

/// <summary>Issue 12.1 in the console: the admin sets an advertiser's postback checks and rotates its signing secret; the offer page shows the signing samples.</summary>
public sealed class PostbackChecksPageTests
{
    [Fact]
    public async Task TheAdminSetsPostbackChecksRotatesTheSigningSecretAndTheOfferShowsTheSamples()
    {
        await using var scene = await ConsoleScene.StartAsync(traffic: false);
        var page = await scene.SignInAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard/advertisers");
        await Expect(page.Locator("[data-field=postback-checks]")).ToHaveTextAsync("token, any IP");
        await page.GetByText("Postback checks", new() { Exact = true }).Last.ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = $"Postback checks of advertiser {scene.Offer.AdvertiserId}" });
        await form.GetByLabel("Require a signature").CheckAsync();
        await form.GetByLabel("Allowed IPs").FillAsync("52.28.0.0/16\n2A05:D014::/32, 198.51.100.7");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save checks" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("postback checks");
        await Expect(page.Locator("[data-field=postback-checks]"))
            .ToHaveTextAsync("token, signature, from 52.28.0.0/16, 2a05:d014::/32, 198.51.100.7/32");
        var before = await scene.ApiAsync($"/api/advertisers/{scene.Offer.AdvertiserId}");
        Assert.True((bool)before["require_signature"]!);

        await page.GetByText("Postback checks", new() { Exact = true }).Last.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate signing secret" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("previous one pass until");
        var after = await scene.ApiAsync($"/api/advertisers/{scene.Offer.AdvertiserId}");
        Assert.NotEqual(before.Str("signing_secret"), after.Str("signing_secret"));
        await page.GetByText("Postback checks", new() { Exact = true }).Last.ClickAsync();
        await Expect(page.Locator("[data-field=signing-secret]")).ToHaveTextAsync(after.Str("signing_secret"));
        await ConsoleScene.ScreenshotAsync(page, "advertiser-checks");
        await ConsoleScene.AssertAccessibleAsync(page);

        await form.GetByLabel("Allowed IPs").FillAsync("10.1.2.3/8");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save checks" }).ClickAsync();
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("write 10.0.0.0/8");

        await page.GotoAsync($"{scene.Tracker}/dashboard/offers/{scene.Offer.OfferId}");
        await Expect(page.Locator("[data-field=signature-required]")).ToContainTextAsync("requires a signature");
        await page.GetByText("Samples: curl, C#, Python, PHP, Node").ClickAsync();
        await Expect(page.Locator("#sign-python")).ToContainTextAsync($"BASE_URL = \"{scene.Tracker}\"");
        await Expect(page.Locator("#sign-csharp")).ToContainTextAsync(after.Str("signing_secret"));
        // The section only: the offer page is long, and the guide shows this part.
        await page.Locator("section[aria-labelledby=signing]").ScreenshotAsync(new()
        {
            Path = Path.Combine(Repository.Root(), "docs", "console", "offer-signing.png"),
        });
        await ConsoleScene.AssertAccessibleAsync(page);

        var narrow = await scene.SignInAsync(width: 390);
        await narrow.GotoAsync($"{scene.Tracker}/dashboard/advertisers");
        await narrow.GetByText("Postback checks", new() { Exact = true }).Last.ClickAsync();
        await ConsoleScene.ScreenshotAsync(narrow, "advertiser-checks-narrow");
        // At 390 px the table is one card per advertiser: nothing needs scrolling sideways.
        Assert.True(await narrow.EvaluateAsync<bool>("() => [...document.querySelectorAll('.scroll')].every(s => s.scrollWidth <= s.clientWidth + 1)"));
        scene.AssertNoBrowserErrors(allowRefusals: true);
    }
}
