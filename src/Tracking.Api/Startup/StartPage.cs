namespace Tracking.Api.Startup;

/// <summary>
/// Where a person who opens the base URL lands: the console's start page (which asks for a key first). <c>/</c> redirects
/// there (302), and the start-up banner names it and the API reference.
/// </summary>
public static class StartPage
{
    public const string Path = "/dashboard";
    public const string ApiReference = "/scalar/v1";

    public static IEndpointRouteBuilder MapStartPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect(Path)).ExcludeFromDescription();
        return app;
    }
}
