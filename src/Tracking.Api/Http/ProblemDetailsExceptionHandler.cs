using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;

namespace Tracking.Api.Http;

/// <summary>The one place where exceptions become problem details: a refused domain rule is a 400 with its reason.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, reason, detail) = exception switch
        {
            DomainException d => (StatusCodes.Status400BadRequest, d.Reason, d.Message),
            BadHttpRequestException b => (b.StatusCode, "bad_request", b.Message),
            DbUpdateConcurrencyException or ConcurrencyConflictException => (StatusCodes.Status409Conflict, "conflict", "The record changed while this request ran; read it again and retry."),
            _ => (StatusCodes.Status500InternalServerError, "internal_error", "An unexpected error occurred."),
        };
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail, Extensions = { ["reason"] = reason } },
        });
    }
}
