using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Forwarding;

namespace Tracking.Testing;

/// <summary>Helpers of the forwarding tests: an app with fast retries, templates through the API, waiting for deliveries.</summary>
public static class Forwarded
{
    /// <summary>The product with retries in milliseconds instead of minutes, so retry behaviour is seen without waiting.</summary>
    public static TrackingApp FastRetries(this TrackingApp app) => app
        .With("Tracking:Forwarding:PollInterval", "00:00:00.050")
        .With("Tracking:Forwarding:BaseDelay", "00:00:00.020")
        .With("Tracking:Forwarding:MaxDelay", "00:00:00.100");

    public static async Task<JsonNode> TemplateAsync(this HttpClient api, int affiliateId, object body) =>
        await (await api.PostJson($"/api/affiliates/{affiliateId}/postbacks", body)).Json(HttpStatusCode.Created);

    /// <summary>Creates a forwarding template of <paramref name="affiliateId"/> through the app's API; returns its JSON.</summary>
    public static async Task<JsonElement> TemplateAsync(this TrackingApp app, int affiliateId, object body)
    {
        var response = await app.Api().PostAsJsonAsync($"/api/affiliates/{affiliateId}/postbacks", body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    public static Task<List<Delivery>> Deliveries(this TrackingApp app) =>
        app.WithDb(db => db.Deliveries.AsNoTracking().Include(d => d.Attempts).OrderBy(d => d.Id).ToListAsync());

    /// <summary>Waits until there are <paramref name="count"/> deliveries and all satisfy <paramref name="condition"/>.</summary>
    public static Task<List<Delivery>> DeliveriesUntil(this TrackingApp app, int count, Func<Delivery, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.Until(app.Deliveries, ds => ds.Count == count && ds.All(condition), timeout, what);

    public static Task<IReadOnlyList<Received>> RequestsUntil(this Receiver receiver, int count, TimeSpan? timeout = null) =>
        Eventually.Until(() => Task.FromResult(receiver.Requests), r => r.Count >= count, timeout, $"{count} requests at the receiver");
}
