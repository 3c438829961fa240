using System.Net;
using Tracking.Domain.Forwarding;

namespace Tracking.Api.Tests.Features.Conversions;

/// <summary>
/// Issue 11.6: <c>adv1..adv5</c> travel from the hits onto the conversion (first writer wins, field by field), and from there
/// into the conversion filters, the report's group-by and its CSV, and the forwarding macros.
/// </summary>
public sealed class AdvFieldsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheFirstHitToSendAFieldKeepsItAndTheConversionsAreFilteredByThem()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, cookie) = await client.ClickAsync(s);
        await client.PixelAsync(s.OfferId, "goal=purchase&order_id=A1&amount=10&adv1=spring&adv2=banner", cookie);
        await app.AllDecided();
        // The postback comes second: it fills adv3, which the pixel left empty, and does not overwrite adv1.
        var postback = await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id=A1&amount=10&adv1=autumn&adv3=ios&token={s.Token}");
        Assert.Equal(HttpStatusCode.OK, postback.StatusCode);
        var (other, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={other}&goal=purchase&order_id=B1&amount=5&custom_field1=summer&token={s.Token}");
        await app.AllDecided();
        var api = app.Api();

        var c = Assert.Single((await api.GetJsonAsync("/api/conversions?adv1=spring")).Items());
        Assert.Equal((clickId, "spring", "banner", "ios", null), (c.Str("click_id"), c.Str("adv1"), c.Str("adv2"), c.Str("adv3"), c.Str("adv4")));
        Assert.Empty((await api.GetJsonAsync("/api/conversions?adv1=autumn")).Items());
        Assert.Single((await api.GetJsonAsync("/api/conversions?adv1=spring&adv3=ios")).Items());
        Assert.Empty((await api.GetJsonAsync("/api/conversions?adv1=spring&adv3=android")).Items());
        // Affise's custom_field1 is adv1 in a postback (docs/integration/migrating.md).
        Assert.Equal(other, Assert.Single((await api.GetJsonAsync($"/api/conversions?offer_id={s.OfferId}&adv1=summer")).Items()).Str("click_id"));
        Assert.Equal(2, (await api.GetJsonAsync("/api/conversions")).Items().Length);
        var single = await api.GetJsonAsync($"/api/conversions/{c.Str("id")}");
        Assert.Equal("banner", single.Str("adv2"));
    }

    [Fact]
    public async Task TheCsvExportHasTheAdvFieldsAndEveryConversionTheFiltersSelect()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        foreach (var (adv, order) in new[] { ("=HYPERLINK(1)", "1"), ("camp, \"b\"", "2"), ("camp-c", "3") })
        {
            var (clickId, _) = await client.ClickAsync(s, "&sub1=s1");
            await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id={order}&amount=10&adv1={Uri.EscapeDataString(adv)}&adv5=x&token={s.Token}");
        }
        await app.AllDecided();
        var api = app.Api();

        var response = await api.GetAsync("/api/conversions?format=csv&limit=1", Ct);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("conversions.csv", response.Content.Headers.ContentDisposition?.ToString());
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(["adv1", "adv2", "adv3", "adv4", "adv5"], header.Skip(Array.IndexOf(header, "adv1")).Take(5));
        Assert.Equal(4, lines.Length); // the header and every conversion: paging does not apply to the export
        Assert.Single(lines, l => l.Contains(",purchase,approved,") && l.Contains(",s1,,,,,,camp-c,,,,x,false"));
        Assert.Single(lines, l => l.Contains(",\"camp, \"\"b\"\"\",,,,x,"));
        // CsvHelper's formula escape: a leading ' and the field quoted.
        Assert.Single(lines, l => l.Contains(",\"'=HYPERLINK(1)\",,,,x,"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/conversions?adv1=camp-c");
        request.Headers.Accept.ParseAdd("text/csv");
        var filtered = (await (await api.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, filtered.Length);
        await (await api.GetAsync("/api/conversions?format=xml", Ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_format");
        await (await api.GetAsync("/api/conversions?format=csv&status=maybe", Ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_status");
    }

    [Fact]
    public async Task TheReportGroupsByAnAdvFieldInJsonAndCsv()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        foreach (var (adv, order) in new[] { ("camp-a", "1"), ("camp-a", "2"), ("camp-b", "3"), ("", "4") })
        {
            var (clickId, _) = await client.ClickAsync(s);
            await client.PostbackAsync($"click_id={clickId}&goal=purchase&order_id={order}&adv2={adv}&token={s.Token}");
        }
        var (refused, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={refused}&goal=nope&adv2=camp-b&token={s.Token}");
        await app.AllDecided();
        var api = app.Api();

        var rows = (await api.GetJsonAsync("/api/reports/discrepancies?group_by=adv2")).Items();
        Assert.Equal(["camp-a", "camp-b", null], rows.Select(r => r.Str("group")));
        Assert.Equal([2, 1, 1], rows.Select(r => r.GetProperty("conversions").GetInt32()));
        Assert.Equal(1, rows[1].GetProperty("reasons").GetProperty("unknown_goal").GetInt32());

        var csv = await api.GetStringAsync("/api/reports/discrepancies?group_by=adv2&format=csv", Ct);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("group,conversions,", lines[0]);
        Assert.StartsWith("camp-a,2,", lines[1]);
        Assert.StartsWith("camp-b,1,", lines[2]);
        await (await api.GetAsync("/api/reports/discrepancies?group_by=adv6", Ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_group_by");
    }

    [Fact]
    public async Task TheForwardingMacrosCarryTheAdvFields()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = new TrackingApp().FastRetries();
        var s = await app.OfferAsync();
        await app.Api().TemplateAsync(s.AffiliateId, new { url = receiver.Url("/pb?c={click_id}&a1={adv1}&a2={adv2}&a5={adv5}") });
        var client = app.Public();
        var (clickId, _) = await client.ClickAsync(s);
        await client.PostbackAsync($"click_id={clickId}&goal=install&adv1=1767225600&adv2=6D92078A%2B1&token={s.Token}");

        await app.DeliveriesUntil(1, d => d.State == DeliveryState.Succeeded, "the delivery to succeed");
        var request = Assert.Single(receiver.Requests);
        Assert.Equal((clickId, "1767225600", "6D92078A+1", ""), (request.Query("c"), request.Query("a1"), request.Query("a2"), request.Query("a5")));
    }
}
