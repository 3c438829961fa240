using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Forwarding;

namespace Tracking.IntegrationTests.Support;

/// <summary>Forwarding helpers of the integration suite: fast retries, templates through the API, the deliveries stored.</summary>
internal static class Forwarding
{
    public static ProductApp FastRetries(this ProductApp app) => app
        .With("Tracking:Forwarding:PollInterval", "00:00:00.050")
        .With("Tracking:Forwarding:BaseDelay", "00:00:00.020")
        .With("Tracking:Forwarding:MaxDelay", "00:00:00.100");

    public static async Task<JsonElement> TemplateAsync(this ProductApp app, int affiliateId, object body)
    {
        var response = await app.Api().PostAsJsonAsync($"/api/affiliates/{affiliateId}/postbacks", body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    public static Task<List<Delivery>> Deliveries(this ProductApp app) =>
        app.WithDb(db => db.Deliveries.AsNoTracking().Include(d => d.Attempts).OrderBy(d => d.Id).ToListAsync());
}
