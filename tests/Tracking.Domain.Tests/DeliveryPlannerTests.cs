using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;

namespace Tracking.Domain.Tests;

/// <summary>SPEC 5 triggers through the planner, over list-backed ports: what each state of a conversion asks for, once.</summary>
public sealed class DeliveryPlannerTests
{
    [Fact]
    public async Task TemplatesFireOnTheirTriggerOnceAndAReversalFollowsARejection()
    {
        var w = new World(hold: true);
        var store = new ListForwardingStore(w.Store.Conversions);
        var planner = new DeliveryPlanner(store, w.Time);
        var created = store.Template(1, Trigger.Created, offerId: 7, goal: "purchase");
        var approved = store.Template(2, Trigger.Approved, reversal: "https://p.example/r?s={status}&c={conversion_id}");
        store.Template(3, Trigger.Created, goal: "install");
        store.Template(4, Trigger.Created, offerId: 8);
        var click = w.Click();
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "A", amount: 10));
        var conversion = w.Store.Conversions.Single();

        await planner.PlanAsync([conversion.Id], CancellationToken.None);
        Assert.Equal([(created.Id, DeliveryKind.Forward)], store.Deliveries.Select(d => (d.TemplateId, d.Kind)));
        Assert.Null(conversion.ForwardDueAt);
        await planner.PlanAsync([conversion.Id], CancellationToken.None);
        Assert.Single(store.Deliveries);

        conversion.ChangeStatus(ConversionStatus.Approved, w.Time.Now, "api");
        await planner.PlanAsync([conversion.Id], CancellationToken.None);
        conversion.ChangeStatus(ConversionStatus.Pending, w.Time.Now, "api");
        conversion.ChangeStatus(ConversionStatus.Approved, w.Time.Now, "api");
        await planner.PlanAsync([conversion.Id], CancellationToken.None);
        Assert.Equal(2, store.Deliveries.Count);
        Assert.Contains("s=approved", store.Deliveries[1].Url);

        conversion.ChangeStatus(ConversionStatus.Rejected, w.Time.Now, "api");
        await planner.PlanAsync([conversion.Id], CancellationToken.None);
        await planner.PlanAsync([conversion.Id], CancellationToken.None);
        var reversal = store.Deliveries.Single(d => d.Kind == DeliveryKind.Reversal);
        Assert.Equal((approved.Id, $"https://p.example/r?s=rejected&c={conversion.Id}"), (reversal.TemplateId, reversal.Url));
        Assert.Equal(3, store.Deliveries.Count);
    }

    [Fact]
    public async Task APausedTemplatesDeliveriesAreMadePausedAndAPostTemplateGetsAJsonBody()
    {
        var w = new World();
        var store = new ListForwardingStore(w.Store.Conversions);
        var template = store.Template(1, Trigger.Approved, method: ForwardingMethod.Post);
        template.Pause("by hand");
        var click = w.Click();
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "A", amount: 10));
        await new DeliveryPlanner(store, w.Time).PlanAsync([w.Store.Conversions.Single().Id], CancellationToken.None);
        var delivery = store.Deliveries.Single();
        Assert.Equal(DeliveryState.Paused, delivery.State);
        Assert.Contains("\"order_id\":\"A\"", delivery.Body);
        Assert.Contains("\"amount\":\"10\"", delivery.Body);
    }
}

/// <summary>The planner's port over lists; templates belong to affiliate 3, the one of <see cref="World"/>'s clicks.</summary>
public sealed class ListForwardingStore(List<Conversion> conversions) : IForwardingStore
{
    public List<ForwardingTemplate> Templates { get; } = [];
    public List<Delivery> Deliveries { get; } = [];

    public ForwardingTemplate Template(int id, Trigger trigger, int? offerId = null, string? goal = null, string? reversal = null,
        ForwardingMethod method = ForwardingMethod.Get)
    {
        var template = new ForwardingTemplate(3, offerId, goal, trigger, method, "https://p.example/pb?s={status}&t=" + id, reversal, false, World.T0);
        typeof(ForwardingTemplate).GetProperty(nameof(ForwardingTemplate.Id))!.SetValue(template, id);
        Templates.Add(template);
        return template;
    }

    public Task InUnitOfWorkAsync(Func<Task> work, CancellationToken ct) => work();
    public Task<int> PlanWithoutTemplatesAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var planned = conversions.Where(c => ids.Contains(c.Id) && c.ForwardDueAt != null && Templates.All(t => t.AffiliateId != c.AffiliateId)).ToList();
        foreach (var c in planned) c.ForwardingPlanned();
        return Task.FromResult(planned.Count);
    }
    public Task<IReadOnlyList<Conversion>> FindDueAsync(IReadOnlyList<string> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Conversion>>(conversions.Where(c => ids.Contains(c.Id) && c.ForwardDueAt != null).ToList());
    public Task<IReadOnlyList<ForwardingTemplate>> FindTemplatesAsync(IReadOnlyList<int> affiliateIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ForwardingTemplate>>(Templates.Where(t => affiliateIds.Contains(t.AffiliateId)).ToList());
    public Task<IReadOnlyList<Delivery>> FindDeliveriesAsync(IReadOnlyList<string> conversionIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Delivery>>(Deliveries.Where(d => conversionIds.Contains(d.ConversionId)).ToList());
    public void Add(Delivery delivery) => Deliveries.Add(delivery);
}
