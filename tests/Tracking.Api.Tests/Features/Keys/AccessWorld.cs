using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tracking.Api.Access;

namespace Tracking.Api.Tests.Features.Keys;

/// <summary>One tenant's ids: its advertiser and offer, its affiliate, and what ingress and forwarding made of its traffic.</summary>
public sealed record Tenant(
    int AdvertiserId, int AffiliateId, int OfferId, string ConversionId, string HitId, int TemplateId, string DeliveryId, int SpareKeyId);

/// <summary>
/// Two advertisers each with an offer, two affiliates, a conversion, a hit, a forwarding template and a delivery for each
/// (made through the product's own ingress and worker), and a key of each role bound to tenant one.
/// </summary>
public sealed class AccessWorld : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public TrackingApp App { get; } = new TrackingApp().FastRetries();
    public Tenant Own { get; private set; } = null!;
    public Tenant Other { get; private set; } = null!;
    public Dictionary<string, HttpClient> Clients { get; } = new();
    public Receiver Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await Receiver.StartAsync();
        var (one, two) = (await App.OfferAsync(), await App.OfferAsync());
        var admin = App.Api();
        var templates = new List<int>();
        foreach (var s in new[] { one, two })
            templates.Add((await admin.TemplateAsync(s.AffiliateId, new { url = Receiver.Url("/pb?c={conversion_id}") })).Id());
        var (hit1, hit2) = (await TrafficAsync(one), await TrafficAsync(two));
        await App.AllDecided();
        var deliveries = await App.DeliveriesUntil(2, _ => true, "a delivery per tenant");
        var conversions = (await admin.GetJson("/api/conversions")).Items();
        Own = await TenantAsync(admin, one, hit1, templates[0], conversions, deliveries);
        Other = await TenantAsync(admin, two, hit2, templates[1], conversions, deliveries);
        Clients[Roles.Admin] = Client(await KeyAsync(admin, new { name = "ops", role = Roles.Admin }));
        Clients[Roles.Analyst] = Client(await KeyAsync(admin, new { name = "analysis", role = Roles.Analyst }));
        Clients[Roles.Advertiser] = Client(await KeyAsync(admin, new { name = "acme", role = Roles.Advertiser, advertiser_id = one.AdvertiserId }));
        Clients[Roles.Affiliate] = Client(await KeyAsync(admin, new { name = "partner", role = Roles.Affiliate, affiliate_id = one.AffiliateId }));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients.Values) client.Dispose();
        await App.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>A click of the tenant's affiliate and the advertiser's postback: one hit, one conversion.</summary>
    private async Task<string> TrafficAsync(Seeded s)
    {
        var traffic = new Traffic(App, s);
        return await traffic.PostbackAsync(await traffic.ClickAsync());
    }

    private async Task<Tenant> TenantAsync(HttpClient admin, Seeded s, string hitId, int templateId, IReadOnlyList<JsonNode> conversions,
        IReadOnlyList<Domain.Forwarding.Delivery> deliveries)
    {
        var conversion = conversions.Single(c => (int)c["offer_id"]! == s.OfferId).Str("id");
        var delivery = deliveries.Single(d => d.AffiliateId == s.AffiliateId).Id;
        var spare = (await KeyAsync(admin, new { name = "spare", role = Roles.Analyst })).Id();
        return new Tenant(s.AdvertiserId, s.AffiliateId, s.OfferId, conversion, hitId, templateId, delivery, spare);
    }

    public static async Task<JsonNode> KeyAsync(HttpClient admin, object body) =>
        await (await admin.PostJson("/api/keys", body)).Json(HttpStatusCode.Created);

    public HttpClient Client(JsonNode created)
    {
        var client = App.Public();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Str("key"));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
