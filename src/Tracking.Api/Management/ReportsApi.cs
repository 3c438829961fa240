using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Tracking.Api.Features.Reports;
using Tracking.Api.Features.Reports.DiscrepancyReport;

namespace Tracking.Api.Management;

/// <summary>SPEC 7: the discrepancy report, as JSON or, with <c>Accept: text/csv</c>, as CSV.</summary>
public static class ReportsApi
{
    public const string Csv = "text/csv";

    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Reports");
        group.MapGet("/discrepancies", Discrepancies).WithName("DiscrepancyReport")
            .Produces<Page<DiscrepancyRow>>().Produces<string>(StatusCodes.Status200OK, Csv);
        return group;
    }

    private static async Task<IResult> Discrepancies(string? from, string? to, [FromQuery(Name = "group_by")] string? groupBy, string? tz,
        HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var rows = await mediator.Send(new DiscrepancyReport(from, to, groupBy, tz), ct);
        return WantsCsv(request)
            ? TypedResults.Text(DiscrepancyCsv.Write(rows), $"{Csv}; charset=utf-8")
            : TypedResults.Ok(new Page<DiscrepancyRow>(rows, null));
    }

    /// <summary>CSV when the client prefers <c>text/csv</c> over JSON (a tie goes to the type listed first).</summary>
    private static bool WantsCsv(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        var best = accepted.Where(a => (a.Quality ?? 1) > 0 && (a.MatchesMediaType(Csv) || a.MatchesMediaType("application/json")))
            .OrderByDescending(a => a.Quality ?? 1).FirstOrDefault();
        return best is not null && best.MatchesMediaType(Csv);
    }

    private static bool MatchesMediaType(this MediaTypeHeaderValue value, string type) =>
        string.Equals(value.MediaType.Value, type, StringComparison.OrdinalIgnoreCase);
}
