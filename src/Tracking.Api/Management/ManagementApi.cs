using Tracking.Api.Http;

namespace Tracking.Api.Management;

/// <summary>SPEC 7: the management and reporting API under <c>/api</c>, behind the admin key.</summary>
public static class ManagementApi
{
    public static IEndpointRouteBuilder MapManagement(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>().ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapReconciliation();
        api.MapAdvertisers();
        api.MapAffiliates();
        api.MapOffers();
        api.MapConversions();
        api.MapHits();
        api.MapReports();
        api.MapDeliveries();
        return app;
    }
}
