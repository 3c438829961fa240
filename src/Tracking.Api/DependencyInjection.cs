using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Tracking.Api.Http;
using Tracking.Api.Startup;
using Tracking.Infrastructure;

namespace Tracking.Api;

public static class DependencyInjection
{
    /// <summary>HTTP concerns: snake_case JSON, problem details, CORS for the JS pixel, OpenAPI, the mediator, the first-run banner.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddProblemDetails();
        // Binding failures throw in every environment, so the exception handler answers them with a reason.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddCors(o => o.AddPolicy(Cors.AnyOrigin, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("POST")));
        services.AddOpenApi();
        services.AddMediator((Mediator.MediatorOptions o) => o.ServiceLifetime = ServiceLifetime.Scoped);
        services.AddSingleton<ApiKeyFilter>();
        services.AddHostedService<FirstRun>();
        services.AddSingleton<IValidateOptions<TrackingOptions>, WorkerPlacement>();
        return services;
    }
}
