using Mediator;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Hits;

namespace Tracking.Domain.UseCases.ReceiveConversion;

/// <summary>
/// A pixel or a postback reached ingress (SPEC 3.2 to 3.4). What can be judged at once is judged here, without a database
/// round trip; every hit, accepted or not, is then recorded durably before the answer.
/// </summary>
public sealed record ConversionReceived(
    Method Method, HitChannel Channel, int? OfferId, ConversionParameters Parameters,
    string? CookieClickId, string? Token, string? Ip, string? UserAgent) : ICommand<IngressResult>
{
    /// <summary>Set when the request itself could not be read (garbled or oversized body): the hit is recorded refused.</summary>
    public string? Problem { get; init; }
    public string? ProblemDetail { get; init; }

    /// <summary>A postback's signature and the request parts it signs (issue 12.1); null when it sends no signature header.</summary>
    public SignedRequest? Signed { get; init; }

    /// <summary>A test fired by the console (never by public ingress): the hit and its conversion are marked as tests.</summary>
    public bool IsTest { get; init; }
}

/// <summary>The raw conversion parameters after alias resolution, as strings.</summary>
public sealed record ConversionParameters
{
    public string? ClickId { get; init; }
    public string? Goal { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }
    public string? OrderId { get; init; }
    public string? EventId { get; init; }
    public string? Status { get; init; }
    /// <summary>The revenue the postback sends (issue 11.3); null when it sends none.</summary>
    public string? Revenue { get; init; }
    /// <summary>The affiliate payout the postback sends; honoured only for an advertiser with <c>postback_sets_payout</c>.</summary>
    public string? Payout { get; init; }
    public string? Adv1 { get; init; }
    public string? Adv2 { get; init; }
    public string? Adv3 { get; init; }
    public string? Adv4 { get; init; }
    public string? Adv5 { get; init; }
}

/// <summary>The hit id and, when ingress refused the hit, the reason code and a sentence saying why.</summary>
public sealed record IngressResult(string HitId, string? Reason, string? Detail)
{
    public bool Accepted => Reason is null;
}

public sealed class ConversionReceivedHandler(ICatalog catalog, IIngressLog log, ClickIdCodec codec, PostbackAuthentication authentication, TimeProvider time)
    : ICommandHandler<ConversionReceived, IngressResult>
{
    public const int MaxIdLength = 128;
    public const int MaxFieldLength = 256;

    public async ValueTask<IngressResult> Handle(ConversionReceived command, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var id = SortableId.New(now);
        var p = command.Parameters;
        var fields = new HitFields
        {
            OfferId = command.OfferId,
            Goal = Truncate(Blank(p.Goal)?.ToLowerInvariant(), 64) ?? Offer.DefaultGoal,
            OrderId = Truncate(Blank(p.OrderId), MaxIdLength),
            EventId = Truncate(Blank(p.EventId), MaxIdLength),
            Status = Truncate(Blank(p.Status)?.ToLowerInvariant(), 16),
            Adv1 = Truncate(p.Adv1, MaxFieldLength),
            Adv2 = Truncate(p.Adv2, MaxFieldLength),
            Adv3 = Truncate(p.Adv3, MaxFieldLength),
            Adv4 = Truncate(p.Adv4, MaxFieldLength),
            Adv5 = Truncate(p.Adv5, MaxFieldLength),
            Ip = command.Ip,
            UserAgent = Truncate(command.UserAgent, MaxFieldLength),
            IsTest = command.IsTest,
        };
        var (judged, reason, detail) = await JudgeAsync(command, fields, ct);
        var hit = new Hit(id, command.Method, command.Channel, now, judged);
        if (reason is not null) hit.Decide(reason, null, detail, now);
        await log.AppendHitAsync(hit, ct);
        return new IngressResult(id, reason, detail);
    }

    /// <summary>The hit's fields as judged so far and, when it is refused, why.</summary>
    private readonly record struct Judged(HitFields Fields, string? Reason = null, string? Detail = null);

    private const string ClickIdFailsDetail = "click_id is malformed or fails its tamper check";

    private async ValueTask<Judged> JudgeAsync(ConversionReceived c, HitFields f, CancellationToken ct)
    {
        if (c.Problem is not null) return new(f, c.Problem, c.ProblemDetail);
        if (TooLong(c.Parameters) is { } tooLong) return new(f, Reasons.InvalidParameter, tooLong);
        var (offer, judged) = c.Method == Method.Pixel ? await JudgePixelAsync(c, f, ct) : await JudgePostbackAsync(c, f, ct);
        if (offer is null) return judged;
        var advertiser = await catalog.FindAdvertiserAsync(offer.AdvertiserId, ct);
        judged = JudgeValues(offer, judged.Fields, c.Parameters, advertiser?.StatusWords);
        return judged.Reason is null && c.Method == Method.Postback ? JudgeMoney(judged.Fields, c.Parameters, advertiser) : judged;
    }

    /// <summary>Issue 11.3: a postback's revenue, and its payout when the advertiser may set it, well-formed.</summary>
    private static Judged JudgeMoney(HitFields f, ConversionParameters p, AdvertiserInfo? advertiser)
    {
        if (!Amounts.TryParse(p.Revenue, out var revenue))
            return new(f, Reasons.InvalidAmount, "revenue (payout in Keitaro, Binom and Voluum) must be a number from 0 to 1000000000 with at most 4 decimals");
        f = f with { Revenue = revenue };
        if (advertiser?.PostbackSetsPayout != true) return new(f);
        if (!Amounts.TryParse(p.Payout, out var payout))
            return new(f, Reasons.InvalidAmount, "affiliate_payout must be a number from 0 to 1000000000 with at most 4 decimals");
        return new(f with { Payout = payout });
    }

    /// <summary>A pixel names its offer in the URL; its click id comes from the request, else the cookie, and may be missing.</summary>
    private async ValueTask<(OfferInfo? Offer, Judged Judged)> JudgePixelAsync(ConversionReceived c, HitFields f, CancellationToken ct)
    {
        var clickId = Blank(c.Parameters.ClickId);
        var source = clickId is not null ? ClickIdSource.Parameter : ClickIdSource.None;
        if (clickId is null && Blank(c.CookieClickId) is { } cookie) (clickId, source) = (cookie, ClickIdSource.Cookie);
        f = WithClickId(f, clickId, source);
        var offer = c.OfferId is int offerId ? await catalog.FindOfferAsync(offerId, ct) : null;
        if (offer is null) return (null, new(f, Reasons.UnknownOffer, $"offer {c.OfferId} does not exist"));
        if (clickId is null) return (offer, new(f));
        if (!codec.TryParse(clickId, out var info)) return (null, new(f, Reasons.InvalidClickId, ClickIdFailsDetail));
        return (offer, new(f with { AffiliateId = info.AffiliateId }));
    }

    /// <summary>A postback's click id is required and names its offer; it must pass its advertiser's checks (issue 12.1).</summary>
    private async ValueTask<(OfferInfo? Offer, Judged Judged)> JudgePostbackAsync(ConversionReceived c, HitFields f, CancellationToken ct)
    {
        var clickId = Blank(c.Parameters.ClickId);
        f = WithClickId(f, clickId, clickId is not null ? ClickIdSource.Parameter : ClickIdSource.None);
        if (clickId is null) return (null, new(f, Reasons.NoClickId, "click_id is required"));
        if (!codec.TryParse(clickId, out var info)) return (null, new(f, Reasons.InvalidClickId, ClickIdFailsDetail));
        f = f with { AffiliateId = info.AffiliateId, OfferId = info.OfferId };
        var offer = await catalog.FindOfferAsync(info.OfferId, ct);
        if (offer is null) return (null, new(f, Reasons.UnknownOffer, $"the click's offer {info.OfferId} does not exist"));
        var advertiser = await catalog.FindAdvertiserAsync(offer.AdvertiserId, ct);
        if (await authentication.RefuseAsync(advertiser, c, ct) is { } refusal) return (null, new(f, refusal.Reason, refusal.Detail));
        return (offer, new(f));
    }

    /// <summary>Either method: the goal must be the offer's, and amount, currency and status well-formed.</summary>
    private static Judged JudgeValues(OfferInfo offer, HitFields f, ConversionParameters p, IReadOnlyDictionary<string, ConversionStatus>? words)
    {
        // Issue 11.5: an MMP's event name stands for the goal the offer maps it onto (af_purchase → purchase, installs → install).
        if (offer.GoalFor(f.Goal!) is not { } goal)
            return new(f, Reasons.UnknownGoal, $"offer {offer.Id} has no goal '{f.Goal}' and its event_goals map no event of that name");
        f = f with { Goal = goal };
        if (!Amounts.TryParse(p.Amount, out var amount)) return new(f, Reasons.InvalidAmount, "amount must be a number from 0 to 1000000000 with at most 4 decimals");
        f = f with { Amount = amount };
        var currency = offer.Currency;
        if (Blank(p.Currency) is { } given && !Currencies.TryNormalize(given, out currency))
            return new(f, Reasons.InvalidCurrency, "currency must be an ISO 4217 code");
        f = f with { Currency = currency };
        if (f.Status is null) return new(f);
        if (!StatusWords.TryResolve(f.Status, words, out var status))
            return new(f, Reasons.InvalidStatus, $"status '{f.Status}' is not one of: {string.Join(", ", StatusWords.Accepted(words))}");
        return new(f with { Status = StatusWords.Name(status) });
    }

    private static HitFields WithClickId(HitFields f, string? clickId, ClickIdSource source) =>
        f with { ClickId = Truncate(clickId, ClickIdCodec.Length + 8), ClickIdSource = source };

    private static string? TooLong(ConversionParameters p) =>
        (p.OrderId?.Length > MaxIdLength) ? $"order_id has more than {MaxIdLength} characters"
        : (p.EventId?.Length > MaxIdLength) ? $"event_id has more than {MaxIdLength} characters"
        : (p.Goal?.Length > 64) ? "goal has more than 64 characters"
        : new[] { p.Adv1, p.Adv2, p.Adv3, p.Adv4, p.Adv5 }.Any(a => a?.Length > MaxFieldLength) ? $"an adv field has more than {MaxFieldLength} characters"
        : null;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
