using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Protection;

internal static class SecretsRegistration
{
    /// <summary>
    /// Data Protection with its key ring in the database (<c>data_protection_keys</c>) under one application name, so the
    /// API and the worker, whatever their content root, protect and unprotect alike (decision 0018).
    /// </summary>
    public static IServiceCollection AddSecretsAtRest(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("tracking").PersistKeysToDbContext<TrackingDbContext>();
        services.AddSingleton<SecretColumns>();
        services.AddSingleton<SecretsConversion>();
        return services;
    }
}
