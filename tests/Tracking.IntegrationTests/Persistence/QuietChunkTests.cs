using Microsoft.Extensions.DependencyInjection;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Attribution;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;
using Tracking.IntegrationTests.Support;

namespace Tracking.IntegrationTests.Persistence;

/// <summary>
/// Issue 13: on SQLite a unit of the worker takes four times as many hits once the ingress log has left the write gate
/// alone for <see cref="EfAttributionStore.QuietAfter"/> (a backlog drained after a burst or an outage, or held back at
/// <c>Ingress:MaxUndecided</c>), and the usual chunk again as soon as it comes back. A server database serializes no
/// writer, so there the chunk never grows. How the use case honours the size: <c>AttributionRuleTests</c>.
/// </summary>
public sealed class QuietChunkTests(PostgresServer postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OnSqliteTheChunkGrowsOnlyWhileTheIngressLogLeavesTheWriteGateAlone()
    {
        await using var app = new TrackingApp();
        var traffic = new Traffic(app, await app.OfferAsync());
        var click = await traffic.ClickAsync();
        var gate = app.Services.GetRequiredService<WriteGate>();
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IAttributionStore>();

        using (gate.Enter()) Assert.Equal(HitProcessor.ChunkSize, store.ChunkSize);
        await Eventually.Until(() => Task.FromResult(store.ChunkSize), s => s == HitProcessor.QuietChunkSize, Patience, "a quiet gate");

        // Requests: each staged hit is moved under the gate, and the next chunk is the usual one again. One request per
        // look, so a look that comes before its request's move sees the previous request's.
        var orders = 0;
        await Eventually.Until(async () =>
        {
            await traffic.PostbackAsync(click, query: $"&order_id=Q-{++orders}");
            return store.ChunkSize;
        }, s => s == HitProcessor.ChunkSize, Patience, "the ingress log's moves");
        await app.AllDecided();
    }

    [Fact]
    public async Task OnPostgresTheChunkNeverGrows()
    {
        await using var app = await TrackingApp.OnPostgresAsync(postgres);
        await app.OfferAsync();
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IAttributionStore>();
        await Task.Delay(EfAttributionStore.QuietAfter * 2, TestContext.Current.CancellationToken);
        Assert.Equal(HitProcessor.ChunkSize, store.ChunkSize);
    }
}
