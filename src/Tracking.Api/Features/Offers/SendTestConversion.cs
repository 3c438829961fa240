using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Domain.Catalog;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Domain.UseCases.ReceiveClick;
using Tracking.Domain.UseCases.ReceiveConversion;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Offers;

/// <summary>
/// The console's "send a test conversion" (issue 10): a test click of the offer, then a pixel and a postback for the same order
/// through the product's own ingress use cases, all marked as tests. Their outcomes are decided by the worker as any other's;
/// the conversion stays out of reports and forwarding.
/// </summary>
public sealed record SendTestConversion(int OfferId, string? Goal, decimal? Amount) : ICommand<TestConversionSent?>;

/// <summary>The test click and the hits fired for it; the hits' outcomes appear as the worker decides them.</summary>
public sealed record TestConversionSent(string ClickId, string OrderId, string PixelHitId, string PostbackHitId);

public sealed class SendTestConversionHandler(TrackingDbContext db, Caller caller, ISender sender) : ICommandHandler<SendTestConversion, TestConversionSent?>
{
    public const string Source = "console-test";

    public async ValueTask<TestConversionSent?> Handle(SendTestConversion command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOrAdvertiser);
        var offer = await db.Offers.AsNoTracking().VisibleTo(caller).FirstOrDefaultAsync(o => o.Id == command.OfferId, ct);
        if (offer is null) return null;
        var token = await db.Advertisers.AsNoTracking().Where(a => a.Id == offer.AdvertiserId).Select(a => a.PostbackToken).FirstAsync(ct);
        var affiliate = await db.Affiliates.AsNoTracking().OrderBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("no_affiliate", "A test click needs an affiliate: create one first.");

        var context = new ClickContext(null, null, null, null, null, Source, null, "Tracking console", null, IsTest: true);
        var click = await sender.Send(new ClickReceived(offer.Id, affiliate.ToString(CultureInfo.InvariantCulture), context), ct);
        if (click.ClickId is not { } clickId) throw new DomainException(click.Reason ?? "unknown_offer", click.Detail ?? "The test click was refused.");

        var orderId = "test-" + clickId[^8..];
        var parameters = new ConversionParameters
        {
            ClickId = clickId,
            Goal = string.IsNullOrWhiteSpace(command.Goal) ? Offer.DefaultGoal : command.Goal.Trim(),
            Amount = (command.Amount ?? 10m).ToString(CultureInfo.InvariantCulture),
            OrderId = orderId,
        };
        var pixel = await sender.Send(Test(Method.Pixel, HitChannel.Image, offer.Id, parameters, null), ct);
        var postback = await sender.Send(Test(Method.Postback, HitChannel.Get, null, parameters, token), ct);
        return new TestConversionSent(clickId, orderId, pixel.HitId, postback.HitId);
    }

    private static ConversionReceived Test(Method method, HitChannel channel, int? offerId, ConversionParameters parameters, string? token) =>
        new(method, channel, offerId, parameters, null, token, null, "Tracking console") { IsTest = true };
}
