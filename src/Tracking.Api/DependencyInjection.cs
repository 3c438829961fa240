using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Api.Ingress;
using Tracking.Api.Limits;
using Tracking.Api.Startup;
using Tracking.Infrastructure;

namespace Tracking.Api;

public static class DependencyInjection
{
    /// <summary>HTTP concerns: snake_case JSON, problem details, CORS for the JS pixel, OpenAPI, the mediator, keys and roles, the first-run banner.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure<IOptions<TrackingOptions>>(RequestLimits.Apply);
        // What the framework answers by itself (an unknown path, a wrong method) carries a reason too.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions.TryAdd("reason", Problems.ReasonOf(c.ProblemDetails.Status)));
        // Binding failures throw in every environment, so the exception handler answers them with a reason.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddCors(o => o.AddPolicy(Cors.AnyOrigin, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("POST")));
        services.AddOpenApi(ApiDocument.Configure);
        services.AddForwardedClients();
        services.AddMediator((Mediator.MediatorOptions o) => o.ServiceLifetime = ServiceLifetime.Scoped);
        services.AddAccess();
        services.AddRateLimits();
        services.AddHostedService<FirstRun>();
        services.AddSingleton<IValidateOptions<TrackingOptions>, WorkerPlacement>();
        return services;
    }
}
