using Microsoft.Playwright;
using Tracking.Api.Access;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Api.Tests.Dashboard;

/// <summary>Issue 11.8 in the console: the conversions list changes the status of the ticked rows, or of every row matching its filters.</summary>
public sealed class BulkStatusPageTests
{
    [Fact]
    public async Task TickedRowsAndEveryRowMatchingTheFiltersChangeStatusAndKeepHistory()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var page = await scene.SignInAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard/conversions");
        foreach (var order in new[] { "A-1", "A-2" })
            await page.Locator("table.list tbody tr", new() { HasText = order }).GetByRole(AriaRole.Checkbox).CheckAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Change the status of many conversions" });
        await form.Locator("select[name=new_status]").SelectOptionAsync("rejected");
        await ConsoleScene.ScreenshotAsync(page, "conversions-bulk");
        await ConsoleScene.AssertAccessibleAsync(page);
        await form.GetByRole(AriaRole.Button, new() { Name = "Change statuses" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("2 changed to rejected, 0 already rejected.");
        var rejected = (await scene.ApiAsync("/api/conversions?status=rejected")).Items();
        Assert.Equal(["A-1", "A-2"], rejected.Select(c => c.Str("order_id")).Order());
        var history = (await scene.ApiAsync($"/api/conversions/{rejected[0].Str("id")}"))["status_history"]!.AsArray();
        Assert.Equal(("approved", "rejected", "api"), (history[^1]!.Str("from"), history[^1]!.Str("to"), history[^1]!.Str("source")));

        await page.GotoAsync($"{scene.Tracker}/dashboard/conversions?status=rejected");
        await form.Locator("select[name=scope]").SelectOptionAsync("all");
        await form.Locator("select[name=new_status]").SelectOptionAsync("pending");
        await form.GetByRole(AriaRole.Button, new() { Name = "Change statuses" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("2 changed to pending");
        await Expect(page).ToHaveURLAsync($"{scene.Tracker}/dashboard/conversions?status=rejected");
        Assert.Equal(2, (await scene.ApiAsync("/api/conversions?status=pending")).Items().Count);
        Assert.Equal(2, (await scene.ApiAsync("/api/conversions?status=approved")).Items().Count);
        scene.AssertNoBrowserErrors();

        var analyst = await scene.SignInAsync(await scene.KeyAsync(Roles.Analyst));
        await analyst.GotoAsync($"{scene.Tracker}/dashboard/conversions");
        await Expect(analyst.Locator("table.list tbody tr")).ToHaveCountAsync(4);
        await Expect(analyst.Locator("form#bulk, table.list input[type=checkbox]")).ToHaveCountAsync(0);
    }
}
