using System.Diagnostics.Metrics;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;
using Tracking.Domain.Hits;

namespace Tracking.Domain.Tests;

public sealed class ManualTime(DateTime start) : TimeProvider
{
    public DateTime Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>The attribution store's contract over lists, so the use case's rules can be exercised one by one.</summary>
public sealed class ListStore : IAttributionStore
{
    public List<Hit> Hits { get; } = [];
    public List<Click> Clicks { get; } = [];
    public List<Conversion> Conversions { get; } = [];

    /// <summary>What <see cref="ChunkSize"/> answers, one value per question; the last one is kept.</summary>
    public Queue<int> ChunkSizes { get; } = new([HitProcessor.ChunkSize]);
    /// <summary>The hits asked for in each unit of work, in order.</summary>
    public List<int> Chunks { get; } = [];

    public int ChunkSize => ChunkSizes.Count > 1 ? ChunkSizes.Dequeue() : ChunkSizes.Peek();
    public Task InUnitOfWorkAsync(Func<Task> work, CancellationToken ct) => work();
    public Task<IReadOnlyList<Hit>> FindHitsAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        Chunks.Add(ids.Count);
        return Task.FromResult<IReadOnlyList<Hit>>(Hits.Where(h => ids.Contains(h.Id)).ToList());
    }
    public Task<Click?> FindClickAsync(string clickId, CancellationToken ct) => Task.FromResult(Clicks.FirstOrDefault(c => c.Id == clickId));
    public Task<Conversion?> FindByKeyAsync(int offerId, string goal, string dedupKey, CancellationToken ct) =>
        Task.FromResult(Conversions.FirstOrDefault(c => c.OfferId == offerId && c.Goal == goal && c.DedupKey == dedupKey));
    public Task<Conversion?> FindByIdsAsync(int offerId, string goal, string? orderId, string? eventId, Method missing, CancellationToken ct) =>
        Task.FromResult(Conversions.FirstOrDefault(c => c.OfferId == offerId && c.Goal == goal && !c.Has(missing)
            && ((orderId != null && c.OrderId == orderId) || (eventId != null && c.EventId == eventId))));
    public Task<IReadOnlyList<Conversion>> FindKeylessAsync(string clickId, string goal, Method missing, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Conversion>>(Conversions.Where(c => c.ClickId == clickId && c.Goal == goal && c.KeyKind == KeyKind.None && !c.Has(missing)).ToList());
    public Task<IReadOnlyList<Hit>> FindParkedPixelsAsync(int offerId, string goal, string? orderId, string? eventId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Hit>>(Hits.Where(h => h.OfferId == offerId && h.Goal == goal && h.Method == Method.Pixel && h.Outcome == Reasons.NoClickId
            && ((orderId != null && h.OrderId == orderId) || (eventId != null && h.EventId == eventId))).OrderBy(h => h.Id).ToList());
    /// <summary>Affiliates with a forwarding template; null: every affiliate has one.</summary>
    public HashSet<int>? Forwarded { get; set; }
    public ValueTask<bool> ForwardsToAsync(int? affiliateId, CancellationToken ct) =>
        ValueTask.FromResult(Forwarded is null || (affiliateId is { } id && Forwarded.Contains(id)));
    public void Add(Conversion conversion) => Conversions.Add(conversion);
}

public sealed class FixedCatalog(params OfferInfo[] offers) : ICatalog
{
    public ValueTask<OfferInfo?> FindOfferAsync(int id, CancellationToken ct = default) => ValueTask.FromResult(offers.FirstOrDefault(o => o.Id == id));
    public ValueTask<AdvertiserInfo?> FindAdvertiserAsync(int id, CancellationToken ct = default) => ValueTask.FromResult<AdvertiserInfo?>(new AdvertiserInfo(id, "token"));
    public ValueTask<bool> AffiliateExistsAsync(int id, CancellationToken ct = default) => ValueTask.FromResult(true);
    public void Invalidate() { }
}

/// <summary>An offer, a world around it and helpers to make hits the way ingress records them.</summary>
public sealed class World
{
    public static readonly DateTime T0 = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    public ManualTime Time { get; } = new(T0);
    public ListStore Store { get; } = new();
    public ClickIdCodec Codec { get; } = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public OfferInfo Offer { get; }
    public HitProcessor Processor { get; }
    public TrackingMetrics Metrics { get; } = new(new PrivateMeters());
    public RecordedEvents Events { get; } = new();
    private int _n;

    public World(Method authority = Method.Postback, bool hold = false, ExpectedMethods expected = ExpectedMethods.Both, int lookbackDays = 30,
        int holdDays = 0)
    {
        var offer = new Offer(1, "Shop", "https://shop.example/?c={click_id}", T0);
        offer.Configure(lookbackDays, expected, 60, "USD", authority, hold, null);
        offer.AddGoal("install", null, 1m, AmountKind.Fixed, 0.5m, AmountKind.Fixed);
        offer.AddGoal("purchase", null, 10m, AmountKind.Percent, 5m, AmountKind.Percent);
        Offer = OfferInfo.From(offer) with { Id = 7, HoldDays = holdDays };
        Processor = new HitProcessor(Store, new FixedCatalog(Offer), Codec, Events, Time, Metrics);
    }

    public Click Click(int offerId = 7, bool stored = true)
    {
        var click = new Click(Codec.Create(offerId, 3, Time.Now), offerId, 3, Time.Now, new ClickContext("s1", null, null, null, null, "src", null, null, null));
        if (stored) Store.Clicks.Add(click);
        return click;
    }

    public Hit Hit(Method method, string? clickId, string goal = "purchase", decimal? amount = null, string currency = "USD",
        string? orderId = null, string? eventId = null, string? status = null, int offerId = 7)
    {
        var hit = new Hit($"{Time.Now:yyyyMMddHHmmssfff}{++_n:D6}", method, method == Method.Pixel ? HitChannel.Image : HitChannel.Get, Time.Now,
            new HitFields
            {
                OfferId = offerId,
                AffiliateId = 3,
                Goal = goal,
                ClickId = clickId,
                Amount = amount,
                Currency = currency,
                OrderId = orderId,
                EventId = eventId,
                Status = status
            });
        Store.Hits.Add(hit);
        return hit;
    }

    public async Task<string?> Process(Hit hit)
    {
        await Processor.ProcessAsync([hit.Id], CancellationToken.None);
        return hit.Outcome;
    }
}

/// <summary>Meters of one test's own, so a listener can tell them from another test's.</summary>
public sealed class PrivateMeters : IMeterFactory
{
    public Meter Create(MeterOptions options) => new(options);
    public void Dispose() { }
}

/// <summary>The conversion ids the processor announced, one list per message.</summary>
public sealed class RecordedEvents : IConversionEvents
{
    public List<IReadOnlyList<string>> Messages { get; } = [];

    public Task ChangedAsync(IReadOnlyList<string> conversionIds, CancellationToken ct)
    {
        Messages.Add(conversionIds);
        return Task.CompletedTask;
    }
}
