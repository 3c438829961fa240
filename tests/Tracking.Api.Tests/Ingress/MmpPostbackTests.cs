using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Tracking.Api.Tests.Ingress;

/// <summary>
/// Issue 11.5: the integration kit's URL for each mobile measurement partner, filled as that MMP fills its macros
/// (docs/integration/mmp.md), converts: the event name through the offer's event goals, the event revenue as the amount,
/// the install time and the device ids as advertiser fields.
/// </summary>
public sealed class MmpPostbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Macro → value as the MMP sends it; {click} is the click id. An empty value is a macro the MMP had no value for.
    [Theory]
    [InlineData("AppsFlyer", "(clickid)={click}|(event-name)=af_purchase|(event-revenue)=4.99|(event-revenue-currency)=EUR|(install-unix-ts)=1767225600|(idfa)=6D92078A-8246-4BA4-AE5B-76104861E7DC|(advertiserId)=|(android-id)=",
        "4.99", "EUR", "1767225600", "6D92078A-8246-4BA4-AE5B-76104861E7DC", null, null)]
    [InlineData("Adjust", "{label}={click}|{event_name}=purchase_100_coins|{revenue_float}=0.99|{currency}=USD|{installed_at}=1767225600|{idfa}=|{gps_adid}=38400000-8cf0-11bd-b23e-10b96e40000d|{adid}=18546f6171f67e29d1cb983322ad1329",
        "0.99", "USD", "1767225600", null, "38400000-8cf0-11bd-b23e-10b96e40000d", "18546f6171f67e29d1cb983322ad1329")]
    [InlineData("Branch", "${(last_attributed_touch_data.~click_id)!}={click}|${(name)!}=PURCHASE|${(event_data.revenue)!}=19.99|${(event_data.currency)!}=GBP|${(id)!}=735843098624213221|${(user_data.idfa)!}=|${(user_data.aaid)!}=38400000-8cf0-11bd-b23e-10b96e40000d",
        "19.99", "GBP", null, null, "38400000-8cf0-11bd-b23e-10b96e40000d", null)]
    [InlineData("Singular", "{cl?NetworkName}={click}|{EVTNAME}=__iap__|{AMOUNT}=2.99|{IDFA}=6D92078A-8246-4BA4-AE5B-76104861E7DC|{AIFA}=",
        "2.99", "USD", null, "6D92078A-8246-4BA4-AE5B-76104861E7DC", null, null)]
    [InlineData("Kochava", "{click_id}={click}|{event_name}=Purchase|{event_value}=9.99|{currency}=USD|{idfa}=|{adid}=38400000-8cf0-11bd-b23e-10b96e40000d|{kochava_device_id}=KA1234567890",
        "9.99", "USD", null, null, "38400000-8cf0-11bd-b23e-10b96e40000d", "KA1234567890")]
    public async Task AnInAppEventPostbackFilledByTheMmpConverts(string mmp, string fills, string amount, string currency, string? adv1, string? adv2,
        string? adv3, string? adv4)
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync(o => o.MapEvents(new Dictionary<string, string?>
        {
            ["af_purchase"] = "purchase",
            ["purchase_100_coins"] = "purchase",
            ["__iap__"] = "purchase",
        }));
        var (clickId, _) = await app.Public().ClickAsync(s);
        var kit = await app.Api().GetJson($"/api/offers/{s.OfferId}/integration");
        var response = await Fire(app, Entry(kit, mmp, "event_postback"), fills, clickId);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{mmp}: {await response.Content.ReadAsStringAsync(Ct)}");
        await app.Decided(await response.HitIdAsync());

        var c = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((clickId, "purchase", decimal.Parse(amount, CultureInfo.InvariantCulture), currency),
            (c.ClickId, c.Goal, c.Amount!.Value, c.Currency));
        Assert.Equal((adv1, adv2, adv3, adv4, (string?)null), (c.Adv1, c.Adv2, c.Adv3, c.Adv4, c.Adv5));
        // The purchase goal's rule is 10 % of the amount: the MMP's event revenue is the sale, not what the advertiser pays.
        Assert.Equal(decimal.Round(c.Amount.Value * 0.1m, 4), c.Revenue);
    }

    [Theory]
    [InlineData("AppsFlyer", "(clickid)={click}|(install-unix-ts)=1767225600|(idfa)=IDFA-1|(advertiserId)=|(android-id)=", "1767225600")]
    [InlineData("Adjust", "{label}={click}|{installed_at}=1767225600|{idfa}=IDFA-1|{gps_adid}=|{adid}=a1", "1767225600")]
    [InlineData("Branch", "${(last_attributed_touch_data.~click_id)!}={click}|${(id)!}=e1|${(event_timestamp)!}=1767225600123|${(user_data.idfa)!}=IDFA-1|${(user_data.aaid)!}=", "1767225600123")]
    [InlineData("Singular", "{cl?NetworkName}={click}|{UTCM}=1767225600123|{IDFA}=IDFA-1|{AIFA}=", "1767225600123")]
    [InlineData("Kochava", "{click_id}={click}|{idfa}=IDFA-1|{adid}=|{kochava_device_id}=K1", null)]
    public async Task AnInstallPostbackFilledByTheMmpConvertsAsTheInstallGoal(string mmp, string fills, string? installTime)
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var (clickId, _) = await app.Public().ClickAsync(s);
        var kit = await app.Api().GetJson($"/api/offers/{s.OfferId}/integration");
        var response = await Fire(app, Entry(kit, mmp, "install_postback"), fills, clickId);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{mmp}: {await response.Content.ReadAsStringAsync(Ct)}");
        await app.Decided(await response.HitIdAsync());
        var c = await app.WithDb(db => db.Conversions.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(("install", installTime, "IDFA-1", 1m), (c.Goal, c.Adv1, c.Adv2, c.Revenue));
    }

    private static string Entry(JsonNode kit, string mmp, string url) =>
        kit["mmp"]!.AsArray().Single(m => (string)m!["mmp"]! == mmp)![url]!.GetValue<string>();

    /// <summary>The kit's URL with each macro replaced by its URL-encoded value, sent as the MMP sends it.</summary>
    private static Task<HttpResponseMessage> Fire(TrackingApp app, string url, string fills, string clickId)
    {
        foreach (var fill in fills.Split('|'))
        {
            var (macro, value) = (fill[..fill.IndexOf('=')], fill[(fill.IndexOf('=') + 1)..].Replace("{click}", clickId));
            Assert.Contains(macro, url);
            url = url.Replace(macro, Uri.EscapeDataString(value));
        }
        Assert.DoesNotMatch(@"[{}()]", url[url.IndexOf('?')..]);
        return app.Public().GetAsync(new Uri(url).PathAndQuery, Ct);
    }
}
