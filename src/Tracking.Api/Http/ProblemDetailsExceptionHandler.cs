using Microsoft.AspNetCore.Diagnostics;

namespace Tracking.Api.Http;

/// <summary>Writes an exception as the problem details <see cref="Problems"/> maps it to.</summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, reason, detail) = Problems.Of(exception);
        // Since .NET 10 the middleware no longer logs what a handler handled: an unexpected failure is logged here.
        if (status >= StatusCodes.Status500InternalServerError) LogUnexpected(log, exception, http.Request.Method, http.Request.Path);
        http.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail, Extensions = { ["reason"] = reason } },
        };
        if (await problems.TryWriteAsync(context)) return true;
        context.ProblemDetails.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        // The default writer declines a client whose Accept names no JSON type (a 406 is exactly that case): the answer is
        // problem details all the same, as RFC 9110 allows a server to send a type the client did not list.
        await http.Response.WriteAsJsonAsync(context.ProblemDetails, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
        return true;
    }

    [LoggerMessage(LogLevel.Error, "{Method} {Path} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
