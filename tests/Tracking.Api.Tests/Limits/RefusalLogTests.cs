using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Infrastructure.Limits;

namespace Tracking.Api.Tests.Limits;

/// <summary>
/// Issue 12.2: a flood must not turn the hit log into the flood. Refused requests are counted per minute, endpoint and partition
/// (at most <c>MaxPartitionsPerMinute</c> apart, the rest as <c>other</c>) and written as a few rows whose counts add up to
/// every refused request, as does the metric.
/// </summary>
public sealed class RefusalLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const int Flood = 400;
    private static readonly string[] Addresses = ["127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14", "127.0.0.15"];

    [Fact]
    public async Task AFloodLeavesAFewRowsWhoseCountsAddUpToEveryRefusedRequest()
    {
        var path = Path.Combine(Path.GetTempPath(), "tracking-tests", Guid.NewGuid().ToString("N") + ".db");
        const int Refused = Flood - 5;
        long measured = 0;
        await using (var app = new TrackingApp(path).Limit("Pixels", 1)
            .With("Tracking:RateLimits:FlushEvery", "00:10:00").With("Tracking:RateLimits:MaxPartitionsPerMinute", "2"))
        {
            var s = await app.OfferAsync();
            var factory = app.Services.GetRequiredService<IMeterFactory>();
            using var listener = new MeterListener
            {
                InstrumentPublished = (i, l) =>
                {
                    if (ReferenceEquals(i.Meter.Scope, factory) && i.Name == "tracking.requests.rate_limited") l.EnableMeasurementEvents(i);
                },
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref measured, value));
            listener.Start();
            var clients = Addresses.Select(a => app.From(a)).ToArray();
            await Parallel.ForEachAsync(Enumerable.Range(0, Flood), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
                async (i, ct) => Assert.Equal(HttpStatusCode.OK, (await clients[i % 5].PixelAsync(s.OfferId, $"goal=install&order_id=F{i}")).StatusCode));
        }
        Assert.Equal(Refused, Interlocked.Read(ref measured));

        // The app flushed its counts when it stopped; the same database read by a new process.
        await using var again = new TrackingApp(path);
        var rows = await again.WithDb(db => db.RefusedRequests.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(Refused, rows.Sum(r => r.Count));
        // Two addresses kept apart and the other three as one, in one minute or, when the flood straddles one, two.
        Assert.InRange(rows.Count, 3, 6);
        Assert.Equal(3, rows.Select(r => r.Partition).Distinct().Count());
        Assert.Contains(rows, r => r.Partition == RefusalLog.Other);
        Assert.All(rows, r => Assert.StartsWith("/p/", r.SampleUrl));
        Assert.Equal(5, await again.WithDb(db => db.Hits.CountAsync(Ct)));
        var page = await again.Api().GetJson("/api/limits/refused");
        Assert.Equal(Refused, (long)page["totals"]!["pixel"]!);
        Assert.Equal(Refused, page.Items().Sum(r => (long)r["count"]!));
    }

    [Fact]
    public async Task TheRefusalsApiPagesFiltersAndRefusesBadInput()
    {
        await using var app = new TrackingApp().Limit("Pixels", 1).Limit("Clicks", 1);
        var s = await app.OfferAsync();
        for (var a = 0; a < 3; a++)
        {
            var client = app.From($"127.0.0.{21 + a}");
            for (var i = 0; i < 3; i++) await client.PixelAsync(s.OfferId, "goal=install");
            for (var i = 0; i < 2; i++) await client.GetAsync($"/c/{s.OfferId}?aff_id={s.AffiliateId}", Ct);
        }
        var api = app.Api();
        await Eventually.Until(() => api.GetJson("/api/limits/refused"), p => (long?)p["totals"]?["pixel"] == 6 && (long?)p["totals"]?["click"] == 3);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await api.GetJson("/api/limits/refused?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page.Items().Select(r => r.Str("endpoint") + " " + r.Str("partition")));
            cursor = (string?)page["next_cursor"];
        }
        while (cursor is not null);
        Assert.Equal(6, seen.Distinct().Count());
        Assert.Equal(3, (await api.GetJson("/api/limits/refused?endpoint=click")).Items().Count);
        var limits = (await api.GetJson("/api/limits/refused"))["limits"]!.AsArray();
        Assert.Contains(limits, l => l is not null && l.Str("name") == "pixels" && (int)l["permits"]! == 1 && l.Str("per") == "address");

        await (await api.GetAsync("/api/limits/refused?endpoint=nope", Ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_endpoint");
        await (await api.GetAsync("/api/limits/refused?cursor=x", Ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_cursor");
        await (await api.GetAsync("/api/limits/refused?from=yesterday", Ct)).AssertProblem(HttpStatusCode.BadRequest, "invalid_time");
    }
}
