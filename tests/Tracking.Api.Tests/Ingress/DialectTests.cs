using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Catalog;
using Tracking.Domain.Conversions;

namespace Tracking.Api.Tests.Ingress;

/// <summary>
/// Issue 11.1: each tracker's postback, in the URL shape its own documentation gives (docs/integration/migrating.md),
/// pasted with our host and the advertiser's token, is accepted and converts without any configuration.
/// </summary>
public sealed class DialectTests
{
    [Theory]
    [InlineData("Keitaro", "subid={click}&status=sale&payout=12.5&tid=K1&currency=USD&sub_id_1=k", "conversion", "K1", null, "approved", "12.5")]
    [InlineData("Keitaro lead", "subid={click}&status=lead&payout=3", "conversion", null, null, "pending", "3")]
    [InlineData("Binom", "cnv_id={click}&payout=7&cnv_status=approved&cnv_currency=EUR", "conversion", null, null, "approved", "7")]
    [InlineData("Voluum", "cid={click}&payout=3.2&txid=V1&et=purchase&param1=v", "purchase", "V1", null, "approved", "3.2")]
    [InlineData("RedTrack", "clickid={click}&sum=49.9&type=purchase&status=declined", "purchase", null, "49.9", "rejected", null)]
    [InlineData("Affise", "clickid={click}&action_id=A1&goal=purchase&sum=20&status=1&custom_field1=a", "purchase", "A1", "20", "approved", null)]
    [InlineData("Affise hold", "clickid={click}&action_id=A2&goal=purchase&sum=20&status=5", "purchase", "A2", "20", "pending", null)]
    [InlineData("Everflow", "nid=42&transaction_id={click}&adv_event_id=12&amount=30&order_id=E1&adv1=x", "12", "E1", "30", "approved", null)]
    [InlineData("TUNE/HasOffers", "offer_id=26&transaction_id={click}&adv_sub=H1&amount=15&goal_id=12&adv_sub2=h", "12", "H1", "15", "approved", null)]
    [InlineData("CAKE", "o=10&e=12&f=pb&r={click}&t=C1&p=9", "12", "C1", null, "approved", "9")]
    [InlineData("Trackier", "click_id={click}&txn_id=T1&goal_value=purchase&sale_amount=60&status=pending&sub1=t", "purchase", "T1", "60", "pending", null)]
    public async Task APostbackInAnotherTrackersDialectConverts(string tracker, string query, string goal, string? orderId, string? amount, string status, string? revenue)
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync(o => o.AddGoal("12", null, 2m, AmountKind.Fixed, 1m, AmountKind.Fixed));
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        var response = await client.PostbackAsync($"{query.Replace("{click}", clickId)}&token={s.Token}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{tracker}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        await app.Decided(await response.HitIdAsync());
        var c = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken));
        var expected = amount is null ? (decimal?)null : decimal.Parse(amount, CultureInfo.InvariantCulture);
        Assert.Equal((clickId, orderId, goal, expected, status), (c.ClickId, c.OrderId, c.Goal, c.Amount, StatusWords.Name(c.Status)));
        // Keitaro's, Binom's and Voluum's payout and CAKE's p are the revenue, over the goal's rule (issue 11.3).
        var sent = revenue is null ? (decimal?)null : decimal.Parse(revenue, CultureInfo.InvariantCulture);
        Assert.Equal(sent, c.PostbackRevenue);
        if (sent is not null) Assert.Equal(sent, c.Revenue);
    }
}
