using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tracking.Api.Http;

namespace Tracking.Api.Access;

/// <summary>
/// The <see cref="AccessSchemes.ApiKey"/> scheme: the key in <c>X-Api-Key</c>. No header is a 401 <c>api_key_missing</c>, an
/// unknown or revoked key a 403 <c>api_key_invalid</c>, a role the endpoint's policy refuses a 403 <c>forbidden</c>; all three
/// are problem details written through <see cref="Problems"/>.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IKeyAuthenticator keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[Header].ToString();
        if (key.Length == 0) return AuthenticateResult.NoResult();
        var caller = await keys.AuthenticateAsync(key, Context.RequestAborted);
        return caller is null
            ? AuthenticateResult.Fail(Problems.ApiKeyInvalid)
            : AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(Scheme.Name), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var answer = result.Failure is null
            ? Problems.For(Problems.ApiKeyMissing, $"Send an API key in the {Header} header.")
            : Problems.For(Problems.ApiKeyInvalid, "The API key is not valid (unknown or revoked).");
        await answer.ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.For(Problems.Forbidden, Scope.ForbiddenDetail(Caller.From(Context.User))).ExecuteAsync(Context);
}
