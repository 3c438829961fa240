using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;
using Tracking.Domain.Hits;

namespace Tracking.Api.Access;

/// <summary>
/// What a caller may do and see, for the use cases (issue 10). A role that may never do something is refused with
/// <c>403 forbidden</c> (<see cref="Require"/>); another tenant's rows are filtered out of every query, so a single read or a
/// write of another tenant's id finds nothing and answers <c>404 not_found</c>, exactly as an id that does not exist.
/// An unknown role sees nothing.
/// </summary>
public static class Scope
{
    public static readonly string[] AdminOnly = [Roles.Admin];
    public static readonly string[] Staff = [Roles.Admin, Roles.Analyst];
    public static readonly string[] AdvertiserSide = [Roles.Admin, Roles.Analyst, Roles.Advertiser];
    public static readonly string[] AffiliateSide = [Roles.Admin, Roles.Analyst, Roles.Affiliate];
    public static readonly string[] AdminOrAdvertiser = [Roles.Admin, Roles.Advertiser];
    public static readonly string[] AdminOrAffiliate = [Roles.Admin, Roles.Affiliate];

    /// <summary>Refuses a caller whose role is not one of <paramref name="roles"/>: <c>403 forbidden</c>.</summary>
    public static void Require(this Caller caller, IReadOnlyCollection<string> roles)
    {
        if (!roles.Contains(caller.Role)) throw new DomainException(Problems.Forbidden, ForbiddenDetail(caller));
    }

    public static string ForbiddenDetail(Caller? caller) => $"A key with the role {caller?.Role ?? "(none)"} may not do this.";

    /// <summary>Whether the caller sees every tenant (admin, analyst).</summary>
    public static bool SeesAll(this Caller caller) => caller.Role is Roles.Admin or Roles.Analyst;

    /// <summary>A secret as an analyst sees it: <c>****</c> and its last four characters.</summary>
    public static string Mask(this Caller caller, string secret) =>
        caller.Role != Roles.Analyst ? secret : "****" + (secret.Length > 4 ? secret[^4..] : "");

    public static IQueryable<Advertiser> VisibleTo(this IQueryable<Advertiser> q, Caller c) =>
        c.SeesAll() ? q : c.Role == Roles.Advertiser ? q.Where(a => a.Id == c.AdvertiserId) : q.Where(_ => false);

    public static IQueryable<Affiliate> VisibleTo(this IQueryable<Affiliate> q, Caller c) =>
        c.SeesAll() ? q : c.Role == Roles.Affiliate ? q.Where(a => a.Id == c.AffiliateId) : q.Where(_ => false);

    public static IQueryable<Offer> VisibleTo(this IQueryable<Offer> q, Caller c) =>
        c.SeesAll() ? q : c.Role == Roles.Advertiser ? q.Where(o => o.AdvertiserId == c.AdvertiserId) : q.Where(_ => false);

    /// <summary>
    /// An advertiser sees the conversions of its offers, an affiliate its own but no test conversion (those are the advertiser's
    /// checks of its integration, attributed to whichever affiliate the test click named).
    /// </summary>
    public static IQueryable<Conversion> VisibleTo(this IQueryable<Conversion> q, Caller c, IQueryable<Offer> offers) => c.Role switch
    {
        Roles.Admin or Roles.Analyst => q,
        Roles.Advertiser => q.Where(x => offers.Any(o => o.Id == x.OfferId && o.AdvertiserId == c.AdvertiserId)),
        Roles.Affiliate => q.Where(x => x.AffiliateId == c.AffiliateId && !x.IsTest),
        _ => q.Where(_ => false),
    };

    /// <summary>An advertiser sees the hits of its offers (a hit refused before its offer was known belongs to nobody).</summary>
    public static IQueryable<Hit> VisibleTo(this IQueryable<Hit> q, Caller c, IQueryable<Offer> offers) => c.Role switch
    {
        Roles.Admin or Roles.Analyst => q,
        Roles.Advertiser => q.Where(h => offers.Any(o => o.Id == h.OfferId && o.AdvertiserId == c.AdvertiserId)),
        _ => q.Where(_ => false),
    };

    public static IQueryable<Delivery> VisibleTo(this IQueryable<Delivery> q, Caller c) =>
        c.SeesAll() ? q : c.Role == Roles.Affiliate ? q.Where(d => d.AffiliateId == c.AffiliateId) : q.Where(_ => false);

    public static IQueryable<ForwardingTemplate> VisibleTo(this IQueryable<ForwardingTemplate> q, Caller c) =>
        c.SeesAll() ? q : c.Role == Roles.Affiliate ? q.Where(t => t.AffiliateId == c.AffiliateId) : q.Where(_ => false);
}
