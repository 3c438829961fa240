using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Postgres;

/// <summary>Issue 11.7 on PostgreSQL: an export reconciled, looked up outside the period, its statuses applied in one transaction.</summary>
public sealed class PostgresExportReconciliationTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnExportIsReconciledAndItsStatusesAppliedOnlyWhenEveryLineIsWellFormed()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        var s = await app.OfferAsync();
        var client = app.Public();
        foreach (var (order, amount) in new[] { ("o-1", "20"), ("o-2", "30"), ("o-3", "40") })
        {
            var (clickId, _) = await client.ClickAsync(s);
            Assert.True((await client.PostbackAsync($"click_id={clickId}&goal=purchase&amount={amount}&order_id={order}&token={s.Token}")).IsSuccessStatusCode);
        }
        await app.AllDecided();
        var api = app.Api();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        const string export = "order_id,amount,currency,status\no-1,20,USD,approved\no-2,33,USD,declined\no-9,5,USD,approved\n";

        var malformed = await Post(api, s.OfferId, export + "o-3,forty,USD,approved\n", $"from={today}&to={today}&apply_statuses=true");
        await malformed.AssertProblem(HttpStatusCode.BadRequest, "invalid_csv");
        Assert.Equal(0, await app.WithDb(db => db.Conversions.CountAsync(c => c.Status != Domain.Conversions.ConversionStatus.Approved, Ct)));

        var answer = await (await Post(api, s.OfferId, export, $"from={today}&to={today}&apply_statuses=true")).Json(HttpStatusCode.OK);
        var summary = answer["summary"]!;
        Assert.Equal((2, 1, 1, 1, 1, 1), ((int)summary["matched"]!, (int)summary["missing_here"]!, (int)summary["missing_in_export"]!,
            (int)summary["amount_differences"]!, (int)summary["status_differences"]!, (int)summary["applied"]!));
        var o2 = await app.WithDb(db => db.Conversions.AsNoTracking().Include(c => c.History).SingleAsync(c => c.OrderId == "o-2", Ct));
        Assert.Equal(Domain.Conversions.ConversionStatus.Rejected, o2.Status);
        Assert.Equal("reconciliation", o2.History.OrderBy(h => h.At).Last().Source);

        // The day after: the conversions are outside the period, yet the export's ids still find them.
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        var later = await (await Post(api, s.OfferId, export, $"from={tomorrow}&to={tomorrow}")).Json(HttpStatusCode.OK);
        Assert.Equal((2, 1, 0), ((int)later["summary"]!["matched"]!, (int)later["summary"]!["missing_here"]!,
            (int)later["summary"]!["missing_in_export"]!));
    }

    private static Task<HttpResponseMessage> Post(HttpClient api, int offerId, string csv, string query) =>
        api.PostAsync($"/api/offers/{offerId}/reconciliations?{query}", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
}
