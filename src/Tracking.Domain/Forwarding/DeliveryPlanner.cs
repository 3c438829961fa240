using Tracking.Domain.Common;
using Tracking.Domain.Conversions;

namespace Tracking.Domain.Forwarding;

/// <summary>
/// The forwarding use case (SPEC 5): for conversions that were created or changed status, makes the deliveries their
/// affiliate's templates ask for: <c>created</c> templates for any conversion not rejected, <c>approved</c> templates once it is
/// approved, and a reversal when a forwarded conversion is rejected. Planning again makes nothing twice (a unique index
/// holds that across workers), so redelivery and the sweep are safe.
/// </summary>
public sealed class DeliveryPlanner(IForwardingStore store, TimeProvider time)
{
    public async Task PlanAsync(IReadOnlyList<string> conversionIds, CancellationToken ct)
    {
        // Most affiliates forward nothing: their conversions need only their marker cleared (issue 13: loading and saving
        // them one by one was 7 % of the worker's CPU under a postback load).
        if (await store.PlanWithoutTemplatesAsync(conversionIds, ct) == conversionIds.Count) return;
        await store.InUnitOfWorkAsync(async () =>
        {
            var conversions = await store.FindDueAsync(conversionIds, ct);
            if (conversions.Count == 0) return;
            var now = time.GetUtcNow().UtcDateTime;
            var affiliates = conversions.Select(c => c.AffiliateId).OfType<int>().Distinct().ToList();
            var templates = affiliates.Count == 0 ? [] : await store.FindTemplatesAsync(affiliates, ct);
            var existing = templates.Count == 0 ? [] : await store.FindDeliveriesAsync(conversions.Select(c => c.Id).ToList(), ct);
            foreach (var conversion in conversions)
            {
                // A test conversion is never forwarded: partners are tested with the template test, not with conversions.
                foreach (var template in templates.Where(t => !conversion.IsTest && t.AffiliateId == conversion.AffiliateId && t.Covers(conversion.OfferId, conversion.Goal)))
                    Plan(conversion, template, existing, now);
                conversion.ForwardingPlanned();
            }
        }, ct);
    }

    private void Plan(Conversion conversion, ForwardingTemplate template, IReadOnlyList<Delivery> existing, DateTime now)
    {
        var mine = existing.Where(d => d.ConversionId == conversion.Id && d.TemplateId == template.Id).ToList();
        var forward = mine.FirstOrDefault(d => d.Kind == DeliveryKind.Forward);
        if (forward is null)
        {
            var fires = template.Trigger == Trigger.Created ? conversion.Status != ConversionStatus.Rejected : conversion.Status == ConversionStatus.Approved;
            if (fires) Add(conversion, template, DeliveryKind.Forward, template.Url, null, now);
            return;
        }
        if (conversion.Status == ConversionStatus.Rejected && template.ReversalUrl is { } reversal && forward.State != DeliveryState.Failed
            && mine.All(d => d.Kind != DeliveryKind.Reversal))
            Add(conversion, template, DeliveryKind.Reversal, reversal, ConversionStatus.Rejected, now);
    }

    private void Add(Conversion conversion, ForwardingTemplate template, DeliveryKind kind, string url, ConversionStatus? status, DateTime now)
    {
        var values = ForwardingMacros.Values(conversion, now, status);
        var (filled, body) = ForwardingMacros.Request(template, url, values);
        store.Add(new Delivery(SortableId.New(now), conversion.Id, template, kind, conversion.OfferId, filled, body, now));
    }
}
