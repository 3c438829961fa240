using System.Net;
using System.Text.Json.Nodes;

namespace Tracking.Api.Tests.Features.Reconciliation;

/// <summary>Issue 11.7: an advertiser's CSV export reconciled against an offer's conversions, through real HTTP on SQLite.</summary>
public sealed class ExportReconciliationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Export = """
        Transaction ID;Sum;Cur;State;Date
        o-1;20.00;USD;sale;2026-12-01 10:00:00
        o-2;31;USD;approved;2026-12-01T11:00:00Z
        o-3;40;EUR;approved;1764586800
        o-4;50;usd;declined;
        o-6;100.5;USD;confirmed;
        o-9;12;USD;approved;
        o-1;20;USD;approved;
        """;

    private const string Mapping =
        "order_id_column=Transaction%20ID&amount_column=Sum&currency_column=cur&status_column=State&time_column=Date";

    [Fact]
    public async Task ListsMatchedMissingOnBothSidesAndAmountCurrencyAndStatusDifferencesWithMappedColumns()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        await new Traffic(app, s).OrdersAsync(("o-1", "20"), ("o-2", "30"), ("o-3", "40"), ("o-4", "50"), ("o-5", "60"), ("o-6", "100"));
        var api = app.Api();

        var answer = await (await api.PostExportAsync(s.OfferId, Export, Mapping)).Json(HttpStatusCode.OK);

        var summary = answer["summary"]!;
        Assert.Equal((7, 5, 1, 1, 1), ((int)summary["lines"]!, (int)summary["matched"]!, (int)summary["missing_here"]!,
            (int)summary["missing_in_export"]!, (int)summary["duplicates_in_export"]!));
        Assert.Equal((1, 1, 1, 0), ((int)summary["amount_differences"]!, (int)summary["currency_differences"]!,
            (int)summary["status_differences"]!, (int)summary["applied"]!));
        Assert.Equal("order_id", summary.Str("matched_on"));
        var items = answer.ByResult();
        Assert.Equal(8, items.Count);
        Assert.Empty(items["o-1/matched"].Differences());
        Assert.Equal(2, (int)items["o-1/matched"]["line"]!);
        Assert.Equal("purchase", items["o-1/matched"].Str("goal"));
        Assert.Equal(["amount"], items["o-2/matched"].Differences());
        Assert.Equal((30m, 31m), ((decimal)items["o-2/matched"]["amount"]!, (decimal)items["o-2/matched"]["export_amount"]!));
        Assert.Equal(["currency"], items["o-3/matched"].Differences());
        Assert.Equal("2025-12-01T11:00:00Z", items["o-3/matched"].Str("export_time"));
        Assert.Equal(["status"], items["o-4/matched"].Differences());
        Assert.Equal(("approved", "declined"), (items["o-4/matched"].Str("status"), items["o-4/matched"].Str("export_status")));
        Assert.Empty(items["o-6/matched"].Differences()); // 0.5% apart: within the 1% that amounts may differ by
        Assert.Null(items["o-9/missing_here"]["conversion_id"]);
        Assert.Equal(7, (int)items["o-9/missing_here"]["line"]!);
        Assert.Null(items["o-5/missing_in_export"]["line"]);
        Assert.Equal(60m, (decimal)items["o-5/missing_in_export"]["amount"]!);
        Assert.Equal(8, (int)items["o-1/duplicate_in_export"]["line"]!);
        var o4 = items["o-4/matched"].Str("conversion_id");
        Assert.Equal("approved", (await api.GetJson($"/api/conversions/{o4}")).Str("status"));
    }

    [Fact]
    public async Task AnswersCsvWrittenWithTheSameItemsAndAcceptsAMultipartUpload()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        await new Traffic(app, s).OrdersAsync(("o-1", "20"), ("o-2", "30"));
        var api = app.Api();
        const string export = "order_id,amount,currency,status\r\no-1,20,USD,approved\r\n\"=HYPERLINK(\"\"x\"\")\",5,USD,approved\r\n";

        var response = await api.PostExportAsync(s.OfferId, export, "format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"reconciliation-offer-{s.OfferId}.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("result,line,id,conversion_id,goal,amount,currency,status,export_amount,export_currency,export_status,export_time,differences,applied",
            lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Matches("^matched,2,o-1,[0-9a-z]{26},purchase,20,USD,approved,20,USD,approved,,,false$", lines[1]);
        Assert.Equal("missing_here,3,\"'=HYPERLINK(\"\"x\"\")\",,,,,,5,USD,approved,,,false", lines[2]); // a formula is defused
        Assert.Matches("^missing_in_export,,o-2,[0-9a-z]{26},purchase,30,USD,approved,,,,,,false$", lines[3]);

        var form = await (await api.PostExportFormAsync(s.OfferId, "Order;Paid\no-2;30\n", ("order_id_column", "Order"), ("amount_column", "Paid")))
            .Json(HttpStatusCode.OK);
        Assert.Equal((1, 1), ((int)form["summary"]!["matched"]!, (int)form["summary"]!["missing_in_export"]!));
    }

    [Theory]
    [InlineData("order_id,amount\no-1,20\no-2,abc\n", "line 3: amount 'abc' is not an amount")]
    [InlineData("order_id,amount\no-1,20\n\no-2,5,extra\n", "line 4")]
    [InlineData("order_id,amount\no-1,20\n\"o-2,5\n", "line 3")]
    [InlineData("order_id,status\no-1,approved\no-2,maybe\n", "line 3: status 'maybe' is not one of: 1, 2, 3, 5, accepted")]
    [InlineData("order_id,currency\no-1,USD\no-2,XXX\n", "line 3: currency 'XXX'")]
    [InlineData("order_id,time\no-1,2026-12-01\no-2,yesterday\n", "line 3: time 'yesterday'")]
    [InlineData("id,amount\no-1,20\n", "line 1: no order id column")]
    [InlineData("order_id,amount\n,20\n", "line 2: the order_id is empty")]
    public async Task AMalformedFileIs400InvalidCsvNamingTheLine(string export, string expected)
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();

        var body = await (await app.Api().PostExportAsync(s.OfferId, export)).Json(HttpStatusCode.BadRequest);

        Assert.Equal("invalid_csv", (string?)body["reason"]);
        Assert.Contains(expected, (string?)body["detail"]);
    }

    [Fact]
    public async Task NothingIsAppliedWhenAnyLineIsMalformedEvenTheLast()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        await new Traffic(app, s).OrdersAsync(("o-1", "20"), ("o-2", "30"));
        var api = app.Api();

        var response = await api.PostExportAsync(s.OfferId, "order_id,status\no-1,rejected\no-2,rejected\no-3,maybe\n", "apply_statuses=true");

        await response.AssertProblem(HttpStatusCode.BadRequest, "invalid_csv");
        Assert.All((await api.GetJson("/api/conversions")).Items(), c => Assert.Equal("approved", c.Str("status")));
    }
}
