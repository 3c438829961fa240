using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Http;
using Tracking.Domain.Common;

namespace Tracking.Api.Features.Conversions;

/// <summary>SPEC 7: conversions, filtered and paged newest first; one conversion with its hits; status changes.</summary>
public static class ConversionsEndpoints
{
    public static RouteGroupBuilder MapConversions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conversions").WithTags("Conversions");
        group.MapGet("", List).WithName("ListConversions")
            .WithSummary("Conversions newest first, filtered; with format=csv or Accept: text/csv every one of them as CSV, streamed")
            .Produces<string>(StatusCodes.Status200OK, ReportNegotiation.Csv)
            .RefusesPaging("invalid_offer_id", "invalid_affiliate_id", "invalid_method", "invalid_discrepancy", Reasons.InvalidStatus,
                "invalid_match", QueryValues.InvalidTime, "invalid_format", Problems.NotAcceptable);
        group.MapGet("/{id}", Get).WithName("GetConversion")
            .WithSummary("One conversion with its hits, status history and deliveries").Refuses(Problems.NotFound);
        group.MapPatch("/{id}", Patch).WithName("ChangeConversionStatus").WithSummary("Approve, hold or reject a conversion")
            .Accepts<StatusChangeRequest>("application/json").RefusesBody(Reasons.InvalidStatus, Problems.NotFound, Problems.Conflict, Problems.Forbidden);
        group.MapPost("/status", ChangeMany).WithName("ChangeConversionStatuses")
            .WithSummary($"Approve, hold or reject many conversions: a list of ids or the list's filter, at most {ChangeConversionStatusesHandler.Max}")
            .Accepts<BulkStatusRequest>("application/json").RefusesBody(Reasons.InvalidStatus, ChangeConversionStatusesHandler.InvalidSelection,
                ChangeConversionStatusesHandler.TooMany, "invalid_method", "invalid_discrepancy", "invalid_match",
                QueryValues.InvalidTime, Problems.Conflict, Problems.Forbidden);
        return group;
    }

    private static async Task<Ok<BulkStatusResult>> ChangeMany(HttpRequest request, ISender sender, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<BulkStatusRequest>(request);
        return TypedResults.Ok(await sender.Send(new ChangeConversionStatuses(body.Status, body.Ids, body.Filter), ct));
    }

    /// <summary>The new status and either the conversions' ids or a filter with the names of <c>GET /api/conversions</c>.</summary>
    public sealed record BulkStatusRequest(string? Status, IReadOnlyList<string>? Ids, ConversionFilter? Filter);

    private static async Task<Results<Ok<Page<ConversionDto>>, PushStreamHttpResult>> List([AsParameters] ConversionQuery q, HttpRequest request,
        ISender sender, CancellationToken ct)
    {
        var answer = ReportNegotiation.Choose(request, q.Format);
        var filter = new ConversionFilter(QueryValues.Id(q.OfferId, "offer_id"), QueryValues.Id(q.AffiliateId, "affiliate_id"), q.Goal, q.ClickId,
            q.Method, q.Discrepancy, q.Status, q.Match, q.From, q.To)
        { Adv = [q.Adv1, q.Adv2, q.Adv3, q.Adv4, q.Adv5] };
        if (answer == ReportFormat.Json) return TypedResults.Ok(await sender.Send(new ListConversions(filter, PageRequest.Parse(q.Limit, q.Cursor)), ct));
        // Issue 11.6: the export is every conversion the filters select (paging does not apply), written as it is read.
        var rows = await sender.Send(new ExportConversions(filter), ct);
        return TypedResults.Stream(body => ConversionsCsv.WriteAsync(body, rows, ct), $"{ReportNegotiation.Csv}; charset=utf-8", "conversions.csv");
    }

    private static async Task<Ok<ConversionDto>> Get(string id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(Problems.Found(await sender.Send(new GetConversion(id), ct), "conversion", id));

    private static async Task<Ok<ConversionDto>> Patch(string id, HttpRequest request, ISender sender, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<StatusChangeRequest>(request);
        return TypedResults.Ok(Problems.Found(await sender.Send(new ChangeConversionStatus(id, body.Status), ct), "conversion", id));
    }

    public sealed record StatusChangeRequest(string? Status);

    public sealed record ConversionQuery(
        [FromQuery(Name = "offer_id")] string? OfferId, [FromQuery(Name = "affiliate_id")] string? AffiliateId,
        [FromQuery(Name = "goal")] string? Goal, [FromQuery(Name = "click_id")] string? ClickId, [FromQuery(Name = "method")] string? Method,
        [FromQuery(Name = "discrepancy")] string? Discrepancy, [FromQuery(Name = "status")] string? Status, [FromQuery(Name = "match")] string? Match,
        [FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To, [FromQuery(Name = "limit")] string? Limit,
        [FromQuery(Name = "cursor")] string? Cursor, [FromQuery(Name = "adv1")] string? Adv1 = null, [FromQuery(Name = "adv2")] string? Adv2 = null,
        [FromQuery(Name = "adv3")] string? Adv3 = null, [FromQuery(Name = "adv4")] string? Adv4 = null, [FromQuery(Name = "adv5")] string? Adv5 = null,
        [FromQuery(Name = "format")] string? Format = null);
}
