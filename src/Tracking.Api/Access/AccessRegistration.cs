using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Tracking.Api.Access;

public static class AccessRegistration
{
    public const string ConsoleCookie = "trk_console";

    /// <summary>
    /// The two schemes and the role policies. No default scheme: ingress, health and metrics carry no authorization metadata,
    /// so no scheme runs for them; <c>/api</c> names <see cref="AccessSchemes.ApiKey"/> and the console's pages
    /// <see cref="AccessSchemes.Console"/>. <see cref="Caller"/> is scoped, read from the request's authenticated user; resolving
    /// it without one (a background service) throws: such code calls the domain, not the management use cases.
    /// </summary>
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(AccessSchemes.ApiKey, null)
            .AddCookie(AccessSchemes.Console, ConfigureConsole);
        services.AddAuthorization(Policies.Add);
        services.AddHttpContextAccessor();
        services.AddScoped<IKeyAuthenticator, KeyAuthenticator>();
        services.AddScoped(sp => Caller.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new ClaimsPrincipal())
            ?? throw new InvalidOperationException("A management use case ran without an authenticated caller (an API key or a console session)."));
        return services;
    }

    private static void ConfigureConsole(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = ConsoleCookie;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.LoginPath = "/dashboard/sign-in";
        o.LogoutPath = "/dashboard/sign-out";
        o.AccessDeniedPath = "/dashboard/forbidden";
        o.Events.OnValidatePrincipal = ValidateConsoleSessionAsync;
        // Found by the fuzz: the default redirect is absolute, built from the Host header, so a request with an empty Host
        // was sent to "http:///dashboard/sign-in". A path on the same host needs no host at all.
        o.Events.OnRedirectToLogin = c => RedirectOnSameHost(c);
        o.Events.OnRedirectToAccessDenied = c => RedirectOnSameHost(c);
    }

    private static Task RedirectOnSameHost(RedirectContext<CookieAuthenticationOptions> context)
    {
        var uri = context.RedirectUri;
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var path = scheme < 0 ? -1 : uri.IndexOf('/', scheme + 3);
        context.Response.Redirect(scheme < 0 ? uri : path < 0 ? "/" : uri[path..]);
        return Task.CompletedTask;
    }

    /// <summary>A console session lasts only while its key does: a revoked key (or a changed admin key) signs it out at once.</summary>
    private static async Task ValidateConsoleSessionAsync(CookieValidatePrincipalContext context)
    {
        var caller = context.Principal is { } principal ? Caller.From(principal) : null;
        var keys = context.HttpContext.RequestServices.GetRequiredService<IKeyAuthenticator>();
        if (caller is not null && await keys.IsActiveAsync(caller, context.HttpContext.RequestAborted)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(AccessSchemes.Console);
    }
}
