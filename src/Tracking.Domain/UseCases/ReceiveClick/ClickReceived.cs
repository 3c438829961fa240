using System.Globalization;
using Mediator;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Domain.Clicks;

namespace Tracking.Domain.UseCases.ReceiveClick;

/// <summary>A visitor followed a tracking link (SPEC 3.1).</summary>
public sealed record ClickReceived(int OfferId, string? AffiliateId, ClickContext Context) : ICommand<ClickResult>;

/// <summary>Where to send the visitor, or why not. The redirect target only ever comes from the offer.</summary>
public sealed record ClickResult(string? ClickId, string? RedirectUrl, int LookbackDays, string? Reason, string? Detail)
{
    public static ClickResult Refused(string reason, string detail) => new(null, null, 0, reason, detail);
}

public sealed class ClickReceivedHandler(ICatalog catalog, IIngressLog log, ClickIdCodec codec, TimeProvider time)
    : ICommandHandler<ClickReceived, ClickResult>
{
    private const int MaxSubLength = 256;

    public async ValueTask<ClickResult> Handle(ClickReceived command, CancellationToken ct)
    {
        var offer = await catalog.FindOfferAsync(command.OfferId, ct);
        if (offer is null || offer.State != OfferState.Active)
            return ClickResult.Refused("unknown_offer", "This offer does not exist or is paused.");
        if (!int.TryParse(command.AffiliateId, NumberStyles.None, CultureInfo.InvariantCulture, out var affiliateId)
            || !await catalog.AffiliateExistsAsync(affiliateId, ct))
            return ClickResult.Refused("unknown_affiliate", "This affiliate does not exist.");

        var now = time.GetUtcNow().UtcDateTime;
        var ctx = command.Context;
        var context = ctx with
        {
            Sub1 = Cut(ctx.Sub1),
            Sub2 = Cut(ctx.Sub2),
            Sub3 = Cut(ctx.Sub3),
            Sub4 = Cut(ctx.Sub4),
            Sub5 = Cut(ctx.Sub5),
            Source = Cut(ctx.Source),
            UserAgent = Cut(ctx.UserAgent),
            Referrer = Cut(ctx.Referrer),
        };
        var click = new Click(codec.Create(offer.Id, affiliateId, now), offer.Id, affiliateId, now, context);
        await log.EnqueueClickAsync(click, ct);
        return new ClickResult(click.Id, LandingUrl.Fill(offer.LandingUrl, click.Macro), offer.LookbackDays, null, null);
    }

    private static string? Cut(string? s) => s is null || s.Length <= MaxSubLength ? s : s[..MaxSubLength];
}
