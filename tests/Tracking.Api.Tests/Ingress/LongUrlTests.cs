using System.Net;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Ingress;
using Tracking.Domain.Common;

namespace Tracking.Api.Tests.Ingress;

/// <summary>
/// Pixel, iframe and click URLs of up to 16 KiB (<see cref="RequestLimits.MaxUrlLength"/>): long advertiser fields and
/// appended tracking parameters. Kestrel's default 8 KiB request line refused them with 414 and the page showed a
/// broken image. One byte beyond the limit is still refused, by Kestrel, before any endpoint runs.
/// </summary>
public sealed class LongUrlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary><paramref name="start"/> with a <c>pad</c> parameter that makes the URL exactly <paramref name="length"/> characters.</summary>
    private static string Padded(string start, int length)
    {
        var url = start + "&pad=";
        Assert.True(url.Length < length, "the URL before padding is shorter than the length asked for");
        return url + new string('p', length - url.Length);
    }

    private static string AdvFields(int length) =>
        string.Concat(Enumerable.Range(1, 5).Select(i => $"&adv{i}={new string((char)('a' + i), length)}"));

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task APixelUrlOf16KiBAnswersItsGifAndConverts()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (clickId, cookie) = await client.ClickAsync(s);

        var url = Padded($"/p/{s.OfferId}.gif?goal=purchase&amount=12&order_id=LONG-1{AdvFields(256)}", RequestLimits.MaxUrlLength);
        var response = await GetAsync(client, url, cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(PixelEndpoints.Gif, await response.Content.ReadAsByteArrayAsync(Ct));
        var hit = await Eventually.Until(() => app.WithDb(db => db.Hits.AsNoTracking().SingleOrDefaultAsync()), h => h?.Outcome is not null);
        Assert.Equal((Reasons.Converted, clickId), (hit!.Outcome, hit.ClickId));
        Assert.Equal(new string('b', 256), hit.Adv1);
        Assert.Equal(new string('f', 256), hit.Adv5);
    }

    [Fact]
    public async Task AnOverLongFieldInA16KiBPixelUrlIsTheHitsOutcomeAndTheGifStillAnswers()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var (_, cookie) = await client.ClickAsync(s);

        var url = Padded($"/p/{s.OfferId}.gif?goal=purchase&order_id=LONG-2&adv1={new string('x', 5000)}", RequestLimits.MaxUrlLength);
        var response = await GetAsync(client, url, cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PixelEndpoints.Gif, await response.Content.ReadAsByteArrayAsync(Ct));
        var hit = await Eventually.Until(() => app.WithDb(db => db.Hits.AsNoTracking().SingleOrDefaultAsync()), h => h?.Outcome is not null);
        Assert.Equal(Reasons.InvalidParameter, hit!.Outcome);
        Assert.Contains("adv field has more than 256 characters", hit.OutcomeDetail);
        Assert.Equal(0, await app.WithDb(db => db.Conversions.CountAsync(Ct)));
    }

    [Fact]
    public async Task IframePixelAndClickUrlsOf16KiBWork()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();

        var click = await GetAsync(client, Padded($"/c/{s.OfferId}?aff_id={s.AffiliateId}&sub1=feed{AdvFields(2000)}", RequestLimits.MaxUrlLength));
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        var cookie = string.Join("; ", click.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        var iframe = await GetAsync(client, Padded($"/p/{s.OfferId}.html?goal=purchase&order_id=LONG-3", RequestLimits.MaxUrlLength), cookie);
        Assert.Equal(HttpStatusCode.OK, iframe.StatusCode);
        Assert.Equal("text/html", iframe.Content.Headers.ContentType!.MediaType);
        var hit = await Eventually.Until(() => app.WithDb(db => db.Hits.AsNoTracking().SingleOrDefaultAsync()), h => h?.Outcome is not null);
        Assert.Equal(Reasons.Converted, hit!.Outcome);
    }

    [Fact]
    public async Task OneByteBeyond16KiBIsRefusedWith414()
    {
        await using var app = new TrackingApp();
        var s = await app.OfferAsync();
        var client = app.Public();
        var pixel = await GetAsync(client, Padded($"/p/{s.OfferId}.gif?goal=purchase", RequestLimits.MaxUrlLength + 1));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, pixel.StatusCode);
        Assert.Equal(0, await app.WithDb(db => db.Hits.CountAsync(Ct)));
    }
}
