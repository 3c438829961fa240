using System.Diagnostics;
using Forwarding;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;
using Tracking.Domain.Hits;
using Tracking.Infrastructure;
using Tracking.Infrastructure.Persistence;
using Tracking.Worker;

// Deliveries per second from one worker (the real dispatcher, SQLite, default settings) to local receivers that answer
// after 1 ms and after 200 ms, alone and together, with the most connections each receiver saw open at once.
var fastCount = args.Length > 0 ? int.Parse(args[0]) : 3000;
var slowCount = args.Length > 1 ? int.Parse(args[1]) : 400;
var fast = new Receiver("1 ms", TimeSpan.FromMilliseconds(1));
var slow = new Receiver("200 ms", TimeSpan.FromMilliseconds(200));
await using var fastApp = await fast.StartAsync();
await using var slowApp = await slow.StartAsync();

var folder = Directory.CreateTempSubdirectory("forwarding-bench-").FullName;
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration["ConnectionStrings:Tracking"] = $"Data Source={Path.Combine(folder, "bench.db")}";
builder.Configuration["Tracking:Forwarding:PollInterval"] = "00:00:00.050";
builder.Services.AddDomain();
builder.Services.AddInfrastructure(builder.Configuration, bus => bus.AddWorkerConsumers());
builder.Services.AddWorker();
using var host = builder.Build();
await host.StartAsync();
var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TrackingOptions>>().Value.Forwarding;
Console.WriteLine($"concurrency {options.Concurrency}, connections per host {options.ConnectionsPerHost}, {Environment.ProcessorCount} cores");
Console.WriteLine("| scenario | receiver | deliveries | seconds | deliveries/s | most connections open |");
Console.WriteLine("|---|---|---:|---:|---:|---:|");

var warmUp = await SeedAsync($"http://127.0.0.1:{fast.Port}/warm-up?c={{conversion_id}}", 500);
await RunAsync(null, [(fast, warmUp, 500)]);
var fastTemplate = await SeedAsync($"http://127.0.0.1:{fast.Port}/pb?c={{conversion_id}}&a={{amount}}", fastCount);
var slowTemplate = await SeedAsync($"http://127.0.0.1:{slow.Port}/pb?c={{conversion_id}}&a={{amount}}", slowCount);
await RunAsync("1 ms alone", [(fast, fastTemplate, fastCount)]);
await RunAsync("200 ms alone", [(slow, slowTemplate, slowCount)]);
await RunAsync("both at once", [(fast, fastTemplate, fastCount), (slow, slowTemplate, slowCount)]);
await host.StopAsync();
return;

async Task RunAsync(string? scenario, (Receiver Receiver, int Template, int Count)[] runs)
{
    await WithDb(async db =>
    {
        foreach (var run in runs)
            await db.Deliveries.Where(d => d.TemplateId == run.Template).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DeliveryState.Pending).SetProperty(d => d.NextAttemptAt, DateTime.UtcNow));
        return 0;
    });
    var started = runs.ToDictionary(r => r.Receiver, r => r.Receiver.Requests);
    foreach (var run in runs) run.Receiver.ResetMaxOpen();
    var clock = Stopwatch.StartNew();
    var done = new Dictionary<Receiver, double>();
    while (done.Count < runs.Length)
    {
        foreach (var run in runs.Where(r => !done.ContainsKey(r.Receiver) && r.Receiver.Requests - started[r.Receiver] >= r.Count))
            done[run.Receiver] = clock.Elapsed.TotalSeconds;
        await Task.Delay(5);
    }
    // Let the last results be logged, then check that every delivery succeeded once.
    await Task.Delay(1000);
    foreach (var run in runs)
    {
        var succeeded = await WithDb(db => db.Deliveries.CountAsync(d => d.TemplateId == run.Template && d.State == DeliveryState.Succeeded));
        var seconds = done[run.Receiver];
        if (scenario is null) continue;
        Console.WriteLine($"| {scenario} | {run.Receiver.Name} | {run.Count} | {seconds:0.00} | {run.Count / seconds:0} | {run.Receiver.MaxOpen} |"
            + (succeeded == run.Count ? "" : $" ({succeeded} succeeded)"));
    }
    // Make the deliveries sendable again for the next scenario: paused until then.
    await WithDb(async db =>
    {
        foreach (var run in runs)
            await db.Deliveries.Where(d => d.TemplateId == run.Template).ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Paused));
        return 0;
    });
}

async Task<int> SeedAsync(string url, int count)
{
    return await WithDb(async db =>
    {
        var now = DateTime.UtcNow;
        var advertiser = new Advertiser("Bench", now);
        var affiliate = new Affiliate("Partner", now);
        db.AddRange(advertiser, affiliate);
        await db.SaveChangesAsync();
        var offer = new Offer(advertiser.Id, "Bench", "https://shop.example/?c={click_id}", now);
        offer.AddGoal("purchase", null, 10m, AmountKind.Percent, 5m, AmountKind.Percent);
        db.Offers.Add(offer);
        await db.SaveChangesAsync();
        var template = new ForwardingTemplate(affiliate.Id, null, null, Trigger.Created, ForwardingMethod.Get, url, null, false, now);
        template.Pause("bench: not started");
        db.ForwardingTemplates.Add(template);
        await db.SaveChangesAsync();
        var info = OfferInfo.From(offer);
        var goal = info.Goals["purchase"];
        var codec = new ClickIdCodec(new byte[32]);
        var click = new Click(codec.Create(offer.Id, affiliate.Id, now), offer.Id, affiliate.Id, now,
            new ClickContext(null, null, null, null, null, null, null, null, null));
        db.Clicks.Add(click);
        for (var i = 0; i < count; i++)
        {
            var hit = new Hit(SortableId.New(now), Method.Postback, HitChannel.Get, now,
                new HitFields { OfferId = offer.Id, AffiliateId = affiliate.Id, Goal = "purchase", ClickId = click.Id, Amount = 10, Currency = "USD", OrderId = $"{template.Id}-{i}" });
            var conversion = Conversion.Create(SortableId.New(now), info, goal, click, DedupKey.For(goal, hit), hit, now);
            conversion.ForwardingPlanned();
            db.AddRange(hit, conversion);
            var values = ForwardingMacros.Values(conversion, now);
            db.Deliveries.Add(new Delivery(SortableId.New(now), conversion.Id, template, DeliveryKind.Forward, offer.Id, ForwardingMacros.Expand(url, values), null, now));
        }
        await db.SaveChangesAsync();
        return template.Id;
    });
}

async Task<T> WithDb<T>(Func<TrackingDbContext, Task<T>> work)
{
    await using var scope = host.Services.CreateAsyncScope();
    return await work(scope.ServiceProvider.GetRequiredService<TrackingDbContext>());
}
