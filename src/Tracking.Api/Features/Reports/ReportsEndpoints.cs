using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Tracking.Api.Access;
using Tracking.Api.Http;

namespace Tracking.Api.Features.Reports;

/// <summary>SPEC 7: the discrepancy report, as JSON or, with <c>format=csv</c> or <c>Accept: text/csv</c>, as CSV.</summary>
public static class ReportsEndpoints
{
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Reports")
            .RequireAuthorization(Policies.AdvertiserSide).Refuses(Problems.Forbidden);
        group.MapGet("/discrepancies", Discrepancies).WithName("DiscrepancyReport")
            .WithSummary("Per day, offer, affiliate or goal: what both methods saw, what only one saw, and why hits were refused")
            .Produces<string>(StatusCodes.Status200OK, ReportNegotiation.Csv)
            .Refuses("invalid_group_by", "invalid_tz", "invalid_format", "invalid_offer_id", "invalid_affiliate_id", "invalid_include_tests", QueryValues.InvalidTime,
                Problems.NotAcceptable);
        return group;
    }

    private static async Task<Results<Ok<Page<DiscrepancyRow>>, ContentHttpResult>> Discrepancies(string? from, string? to,
        [FromQuery(Name = "group_by")] string? groupBy, string? tz, string? format, [FromQuery(Name = "offer_id")] string? offerId,
        [FromQuery(Name = "affiliate_id")] string? affiliateId, string? goal, [FromQuery(Name = "include_tests")] string? includeTests,
        HttpRequest request, ISender sender, CancellationToken ct)
    {
        var answer = ReportNegotiation.Choose(request, format);
        var report = new DiscrepancyReport(from, to, groupBy, tz, QueryValues.Id(offerId, "offer_id"), QueryValues.Id(affiliateId, "affiliate_id"), goal,
            QueryValues.Flag(includeTests, "include_tests"));
        var rows = await sender.Send(report, ct);
        if (answer == ReportFormat.Json) return TypedResults.Ok(new Page<DiscrepancyRow>(rows, null));
        request.HttpContext.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = FileName(groupBy, from, to),
        }.ToString();
        return TypedResults.Text(DiscrepancyCsv.Write(rows), $"{ReportNegotiation.Csv}; charset=utf-8");
    }

    /// <summary><c>discrepancies-by-day-2026-03-01-to-2026-03-31.csv</c>: what a download is saved as.</summary>
    private static string FileName(string? groupBy, string? from, string? to)
    {
        var name = $"discrepancies-by-{(string.IsNullOrWhiteSpace(groupBy) ? "day" : groupBy.Trim())}";
        if (!string.IsNullOrWhiteSpace(from)) name += $"-from-{from.Trim()}";
        if (!string.IsNullOrWhiteSpace(to)) name += $"-to-{to.Trim()}";
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return $"{safe}.csv";
    }
}
