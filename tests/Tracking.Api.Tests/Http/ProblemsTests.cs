using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;

namespace Tracking.Api.Tests.Http;

/// <summary>
/// The one mapper (ADR 0008): the status each reason always has, and what each kind of exception becomes. The 409 of a
/// PATCH racing the worker is hard to provoke through HTTP on purpose, so its mapping is checked here.
/// </summary>
public sealed class ProblemsTests
{
    [Fact]
    public void EveryReasonOfSpec6HasTheStatusTheSpecGivesIt()
    {
        var expected = new Dictionary<string, int>
        {
            [Reasons.TokenMissing] = 401,
            [Reasons.SignatureInvalid] = 401,
            [Reasons.TokenInvalid] = 403,
            [Reasons.IpNotAllowed] = 403,
            [Reasons.BodyTooLarge] = 413,
            [Reasons.RateLimited] = 429,
            [Reasons.Unavailable] = 503,
        };
        foreach (var reason in Reasons.All)
            Assert.True(Problems.StatusOf(reason) == expected.GetValueOrDefault(reason, 400), $"{reason}: {Problems.StatusOf(reason)}");
        Assert.Equal((404, 406, 409), (Problems.StatusOf(Problems.NotFound), Problems.StatusOf(Problems.NotAcceptable), Problems.StatusOf(Problems.Conflict)));
        Assert.Equal((401, 403), (Problems.StatusOf(Problems.ApiKeyMissing), Problems.StatusOf(Problems.ApiKeyInvalid)));
    }

    [Fact]
    public void ExceptionsMapToTheirStatusAndReason()
    {
        Assert.Equal((409, "conflict"), Status(new DomainException(Problems.Conflict, "changed")));
        Assert.Equal((400, "invalid_limit"), Status(new DomainException("invalid_limit", "limit is 1 to 1000.")));
        Assert.Equal((409, "conflict"), Status(new DbUpdateConcurrencyException("changed")));
        Assert.Equal((413, "body_too_large"), Status(new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge)));
        Assert.Equal((408, "bad_request"), Status(new BadHttpRequestException("too slow", StatusCodes.Status408RequestTimeout)));
        var (status, reason, detail) = Problems.Of(new InvalidOperationException("a secret path /var/lib"));
        Assert.Equal((500, "internal_error"), (status, reason));
        Assert.DoesNotContain("/var/lib", detail);
    }

    private static (int, string) Status(Exception exception)
    {
        var (status, reason, _) = Problems.Of(exception);
        return (status, reason);
    }
}
