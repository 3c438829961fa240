using Tracking.Api.Access;
using Tracking.Api.Features.Advertisers;
using Tracking.Api.Features.Affiliates;
using Tracking.Api.Features.Conversions;
using Tracking.Api.Features.Forwarding;
using Tracking.Api.Features.Hits;
using Tracking.Api.Features.Keys;
using Tracking.Api.Features.Limits;
using Tracking.Api.Features.Offers;
using Tracking.Api.Features.Reconciliation;
using Tracking.Api.Features.Reports;
using Tracking.Api.Http;
using Tracking.Api.Limits;
using Tracking.Domain.Common;

namespace Tracking.Api.Features;

/// <summary>
/// SPEC 7: the management and reporting API under <c>/api</c>, one group per feature folder. Every call carries an API key in
/// <c>X-Api-Key</c> (never the console's cookie); each group's policy names the roles that may reach it, and each use case
/// scopes what the key's advertiser or affiliate sees (issue 10, decision 0009).
/// </summary>
public static class ManagementApi
{
    public static IEndpointRouteBuilder MapManagement(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policies.ApiKeyOnly).Refuses(Problems.ApiKeyMissing, Problems.ApiKeyInvalid, Reasons.RateLimited)
            .LimitedBy(RateLimits.Api, "api", OverLimit.Problem);
        api.MapReconciliation();
        api.MapAdvertisers();
        api.MapAffiliates();
        api.MapForwardingTemplates();
        api.MapOffers();
        api.MapConversions();
        api.MapHits();
        api.MapReports();
        api.MapDeliveries();
        api.MapKeys();
        api.MapLimits();
        return app;
    }
}
