using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Api.Tests.Dashboard;

/// <summary>Issue 11.7 in the console: the advertiser's export uploaded on the offer's reconcile page, its result, its statuses applied, its CSV.</summary>
public sealed class ReconcilePageTests
{
    private const string Export = "Order;Paid;Cur;State\nA-1;25;USD;sale\nA-2;44.00;USD;approved\nA-3;35;USD;declined\nX-1;10;USD;approved\n";

    [Fact]
    public async Task AnUploadedExportShowsMatchesAndDifferencesAppliesStatusesAndDownloadsAsCsv()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var page = await scene.SignInAsync();
        await page.GotoAsync($"{scene.Tracker}/dashboard/offers/{scene.Offer.OfferId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "reconcile against the advertiser's export" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Reconcile an export" });
        await Fill(form);
        await form.GetByRole(AriaRole.Button, new() { Name = "Reconcile", Exact = true }).ClickAsync();

        await Expect(page.Locator("[data-field=matched]")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-field=missing-here]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-field=missing-in-export]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-field=amount-differences]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-field=status-differences]")).ToHaveTextAsync("1");
        await Expect(page.Locator("tr[data-result=missing_here]")).ToContainTextAsync("X-1");
        await Expect(page.Locator("tr[data-result=matched]", new() { HasText = "A-3" }).Locator("[data-field=differences]")).ToHaveTextAsync("status");
        await ConsoleScene.AssertAccessibleAsync(page);
        await ConsoleScene.ScreenshotAsync(page, "reconcile");

        await Fill(form);
        var download = await page.RunAndWaitForDownloadAsync(() =>
            form.GetByRole(AriaRole.Button, new() { Name = "Download the result as CSV" }).ClickAsync());
        Assert.Equal($"reconciliation-offer-{scene.Offer.OfferId}.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.StartsWith("result,line,id,conversion_id", csv);
        Assert.Contains("missing_here,5,X-1,", csv);

        await Fill(form);
        await form.GetByLabel("Apply the export's statuses").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Reconcile", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-field=applied]")).ToHaveTextAsync("1");
        var a3 = (await scene.ApiAsync("/api/conversions")).Items().Single(c => c.Str("order_id") == "A-3");
        Assert.Equal("rejected", a3.Str("status"));
        scene.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task AMalformedExportIsRefusedNamingTheLineAndAnAnalystCannotApply()
    {
        await using var scene = await ConsoleScene.StartAsync();
        var page = await scene.SignInAsync(await scene.KeyAsync("analyst"));
        await page.GotoAsync($"{scene.Tracker}/dashboard/offers/{scene.Offer.OfferId}/reconcile");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Reconcile an export" });
        Assert.Equal(0, await form.GetByLabel("Apply the export's statuses").CountAsync());
        await form.GetByLabel("Export file").SetInputFilesAsync(new FilePayload
        {
            Name = "export.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("order_id,amount\nA-1,25\nA-2,lots\n"),
        });
        await form.GetByRole(AriaRole.Button, new() { Name = "Reconcile", Exact = true }).ClickAsync();
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("line 3: amount 'lots'");
        await Expect(page.Locator("[data-field=summary]")).ToHaveCountAsync(0);
    }

    private static async Task Fill(ILocator form)
    {
        await form.GetByLabel("Export file").SetInputFilesAsync(new FilePayload { Name = "export.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Export) });
        await form.GetByLabel("Order id column").FillAsync("Order");
        await form.GetByLabel("Amount column").FillAsync("Paid");
        await form.GetByLabel("Currency column").FillAsync("Cur");
        await form.GetByLabel("Status column").FillAsync("State");
    }
}
