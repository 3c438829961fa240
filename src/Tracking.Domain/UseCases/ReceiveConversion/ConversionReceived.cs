using System.Security.Cryptography;
using System.Text;
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

public sealed class ConversionReceivedHandler(ICatalog catalog, IIngressLog log, ClickIdCodec codec, TimeProvider time)
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
        };
        var (judged, reason, detail) = await JudgeAsync(command, fields, ct);
        var hit = new Hit(id, command.Method, command.Channel, now, judged);
        if (reason is not null) hit.Decide(reason, null, detail, now);
        await log.AppendHitAsync(hit, ct);
        return new IngressResult(id, reason, detail);
    }

    private async ValueTask<(HitFields Fields, string? Reason, string? Detail)> JudgeAsync(ConversionReceived c, HitFields f, CancellationToken ct)
    {
        if (c.Problem is not null) return (f, c.Problem, c.ProblemDetail);
        var p = c.Parameters;
        var tooLong = TooLong(p);
        if (tooLong is not null) return (f, Reasons.InvalidParameter, tooLong);

        var clickId = Blank(p.ClickId);
        var source = clickId is not null ? ClickIdSource.Parameter : ClickIdSource.None;
        if (clickId is null && c.Method == Method.Pixel && Blank(c.CookieClickId) is { } cookie) (clickId, source) = (cookie, ClickIdSource.Cookie);
        f = f with { ClickId = Truncate(clickId, ClickIdCodec.Length + 8), ClickIdSource = source };

        OfferInfo? offer = null;
        if (c.Method == Method.Pixel)
        {
            offer = c.OfferId is int pixelOffer ? await catalog.FindOfferAsync(pixelOffer, ct) : null;
            if (offer is null) return (f, Reasons.UnknownOffer, $"offer {c.OfferId} does not exist");
        }
        if (clickId is null)
        {
            if (c.Method == Method.Postback) return (f, Reasons.NoClickId, "click_id is required");
        }
        else if (!codec.TryParse(clickId, out var info))
        {
            return (f, Reasons.InvalidClickId, "click_id is malformed or fails its tamper check");
        }
        else
        {
            f = f with { AffiliateId = info.AffiliateId };
            if (c.Method == Method.Postback)
            {
                f = f with { OfferId = info.OfferId };
                offer = await catalog.FindOfferAsync(info.OfferId, ct);
                if (offer is null) return (f, Reasons.UnknownOffer, $"the click's offer {info.OfferId} does not exist");
            }
        }

        if (c.Method == Method.Postback)
        {
            var advertiser = await catalog.FindAdvertiserAsync(offer!.AdvertiserId, ct);
            if (string.IsNullOrEmpty(c.Token)) return (f, Reasons.TokenMissing, "the advertiser token is required (token or X-Tracking-Token)");
            if (advertiser is null || !TokenEquals(advertiser.PostbackToken, c.Token))
                return (f, Reasons.TokenInvalid, "the token is not this offer's advertiser's postback token");
        }

        var goal = f.Goal!;
        if (!offer!.Goals.ContainsKey(goal)) return (f, Reasons.UnknownGoal, $"offer {offer.Id} has no goal '{goal}'");
        if (!Amounts.TryParse(p.Amount, out var amount)) return (f, Reasons.InvalidAmount, "amount must be a number from 0 to 1000000000 with at most 4 decimals");
        f = f with { Amount = amount };
        var currency = offer.Currency;
        if (Blank(p.Currency) is { } given && !Currencies.TryNormalize(given, out currency))
            return (f, Reasons.InvalidCurrency, "currency must be an ISO 4217 code");
        f = f with { Currency = currency };
        if (f.Status is not null && !ConversionStatuses.TryParse(f.Status, out _))
            return (f, Reasons.InvalidStatus, "status must be approved, pending or rejected");
        return (f, null, null);
    }

    private static string? TooLong(ConversionParameters p) =>
        (p.OrderId?.Length > MaxIdLength) ? $"order_id has more than {MaxIdLength} characters"
        : (p.EventId?.Length > MaxIdLength) ? $"event_id has more than {MaxIdLength} characters"
        : (p.Goal?.Length > 64) ? "goal has more than 64 characters"
        : new[] { p.Adv1, p.Adv2, p.Adv3, p.Adv4, p.Adv5 }.Any(a => a?.Length > MaxFieldLength) ? $"an adv field has more than {MaxFieldLength} characters"
        : null;

    private static bool TokenEquals(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
