using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Api.Tests.Dashboard;

/// <summary>Issue 10: "test this template" on the affiliate page, against a real partner server, in a real Chromium.</summary>
public sealed class TemplateTestTests
{
    [Fact]
    public async Task ATemplateMadeThroughThePageIsTestedAndThePartnersAnswerShownAsText()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Respond = (_, _) => (200, "<b>accepted</b> by the partner");
        await using var scene = await ConsoleScene.StartAsync(traffic: false);
        var page = await scene.SignInAsync();
        var affiliateId = scene.Offer.AffiliateId;
        await page.GotoAsync($"{scene.Tracker}/dashboard/affiliates/{affiliateId}");

        var form = page.Locator("form[aria-labelledby=new-template]");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "URL (macros" }).FillAsync(receiver.Url("/pb?c={conversion_id}&s={status}"));
        await form.GetByRole(AriaRole.Button, new() { Name = "Create template" }).ClickAsync();
        await Expect(page.Locator("[role=status]").First).ToContainTextAsync("Template created.");
        var templateId = (await scene.ApiAsync($"/api/affiliates/{affiliateId}/postbacks")).Items().Single().Id();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Test template {templateId}" }).ClickAsync();
        var result = page.GetByRole(AriaRole.Status, new() { Name = $"Test of template {templateId}" });
        await Expect(result.Locator("[data-field=test-status]")).ToHaveTextAsync("HTTP 200");
        await Expect(result.Locator("[data-field=test-response]")).ToHaveTextAsync("<b>accepted</b> by the partner");
        await Expect(result.Locator("[data-field=test-response] b")).ToHaveCountAsync(0);
        Assert.Matches(@"^\d+$", await result.Locator("[data-field=test-latency]").TextContentAsync());

        var received = Assert.Single(receiver.Requests);
        Assert.StartsWith("test-", received.Query("c"));
        Assert.Equal("approved", received.Query("s"));
        Assert.Empty((await scene.ApiAsync("/api/deliveries")).Items());
        await ConsoleScene.ScreenshotAsync(page, "template-test");
        scene.AssertNoBrowserErrors();
        await ConsoleScene.AssertAccessibleAsync(page);
    }
}
