using Microsoft.Extensions.FileProviders;
using Tracking.Api.Access;

namespace Tracking.Api.Dashboard;

/// <summary>
/// The console (issue 10, ADR 0010): Razor Pages under <c>/dashboard</c>, served by the API process over the same use cases as
/// <c>/api</c>, signed in with an API key into a cookie session, with its own static files and security headers.
/// </summary>
public static class ConsoleSetup
{
    public const string Root = "/dashboard";
    public const string Policy = "console";

    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Dashboard/Pages";
            o.Conventions.AuthorizeFolder("/", Policy);
            o.Conventions.AllowAnonymousToPage("/SignIn");
        }).AddMvcOptions(o =>
        {
            o.Filters.Add<SecurityHeaders>();
            o.Filters.Add<HandlerRequired>();
        });
        // Every page needs a console session of a known role; pages narrow the roles further with [Authorize(Roles = ...)].
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(AccessSchemes.Console).RequireRole(Roles.All));
        return services;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        // The assets are embedded in the assembly: served offline, whatever the working directory or publish folder.
        app.Map(Root + "/assets", branch => branch.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(ConsoleSetup).Assembly, "Tracking.Api.Dashboard.Assets"),
            OnPrepareResponse = c => c.Context.Response.Headers.XContentTypeOptions = "nosniff",
        }));
        app.MapRazorPages();
        return app;
    }
}
