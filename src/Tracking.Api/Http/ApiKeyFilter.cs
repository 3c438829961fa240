using Tracking.Infrastructure.Startup;

namespace Tracking.Api.Http;

/// <summary>SPEC 7: every <c>/api</c> call carries the admin key in <c>X-Api-Key</c>.</summary>
public sealed class ApiKeyFilter(Secrets secrets) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.Request.Headers[Header].ToString();
        if (key.Length == 0) return Problems.Reason(StatusCodes.Status401Unauthorized, "api_key_missing", $"Send the admin key in the {Header} header.");
        if (!secrets.IsAdminKey(key)) return Problems.Reason(StatusCodes.Status403Forbidden, "api_key_invalid", "The API key is not valid.");
        return await next(context);
    }
}
