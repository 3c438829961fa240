using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Http;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;

namespace Tracking.Api.Features.Reconciliation;

/// <summary>
/// Issue 11.7: <c>POST /api/offers/{id}/reconciliations</c>, the advertiser's export (a <c>text/csv</c> body, or a
/// <c>multipart/form-data</c> upload with the file in <c>file</c>) reconciled against the offer's conversions, as JSON or CSV.
/// </summary>
public static class ExportReconciliationEndpoints
{
    /// <summary>The largest export accepted: about 4 million lines of a usual export.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public static RouteGroupBuilder MapExportReconciliation(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/offers").WithTags("Reconciliation")
            .RequireAuthorization(Policies.AdvertiserSide).Refuses(Problems.Forbidden);
        group.MapPost("/{id}/reconciliations", Reconcile).WithName("ReconcileExport")
            .WithSummary("Reconcile the advertiser's CSV export against the offer's conversions of a period; optionally apply its statuses")
            .Accepts<ExportUpload>(ReportNegotiation.Csv, "multipart/form-data", "text/plain", "application/octet-stream")
            .Produces<ExportReconciliation>().Produces<string>(StatusCodes.Status200OK, ReportNegotiation.Csv)
            .RefusesId(ExportLayout.InvalidCsv, "invalid_apply_statuses", "invalid_format", QueryValues.InvalidTime, Problems.Conflict,
                Problems.NotAcceptable, Reasons.BodyTooLarge);
        return group;
    }

    private static async Task<Results<Ok<ExportReconciliation>, PushStreamHttpResult>> Reconcile(string id, [AsParameters] ExportQuery query,
        HttpRequest request, ISender sender, CancellationToken ct)
    {
        var offerId = QueryValues.RouteId(id, "offer");
        var answer = ReportNegotiation.Choose(request, query.Format);
        var size = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false }) size.MaxRequestBodySize = MaxBytes;
        if (request.ContentLength > MaxBytes) throw new DomainException(Reasons.BodyTooLarge, $"The export is larger than {MaxBytes} bytes.");
        var (csv, fields) = await UploadAsync(request, ct);
        await using var _ = csv;
        string? Field(string name, string? fromQuery) => fields?[name].FirstOrDefault() is { Length: > 0 } v ? v : fromQuery;
        var columns = new ExportColumns(Field("order_id_column", query.OrderIdColumn), Field("event_id_column", query.EventIdColumn),
            Field("amount_column", query.AmountColumn), Field("currency_column", query.CurrencyColumn), Field("status_column", query.StatusColumn),
            Field("time_column", query.TimeColumn), Field("goal_column", query.GoalColumn));
        var command = new ReconcileExport(offerId, csv, columns, Field("from", query.From), Field("to", query.To), Field("goal", query.Goal),
            QueryValues.Flag(Field("apply_statuses", query.ApplyStatuses), "apply_statuses"));
        var report = Problems.Found(await sender.Send(command, ct), "offer", offerId);
        if (answer == ReportFormat.Json) return TypedResults.Ok(report);
        return TypedResults.Stream(stream => ExportReconciliationCsv.WriteAsync(report, stream, ct), CsvFiles.ContentType,
            $"reconciliation-offer-{offerId}.csv");
    }

    /// <summary>The export's bytes as they arrive: the body itself, or the <c>file</c> part of a form (and the form's other fields).</summary>
    private static async Task<(Stream Csv, IFormCollection? Fields)> UploadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) return (request.Body, null);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxBytes }, ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            // A multipart type without a boundary, or a body that ends before its closing boundary.
            throw new DomainException(ExportLayout.InvalidCsv, $"The upload is not a readable form: {e.Message}");
        }
        var file = form.Files["file"] ?? form.Files.FirstOrDefault()
            ?? throw new DomainException(ExportLayout.InvalidCsv, "The form has no file: upload the export in the field 'file'.");
        return (file.OpenReadStream(), form);
    }

    public sealed record ExportQuery(
        [FromQuery(Name = "order_id_column")] string? OrderIdColumn, [FromQuery(Name = "event_id_column")] string? EventIdColumn,
        [FromQuery(Name = "amount_column")] string? AmountColumn, [FromQuery(Name = "currency_column")] string? CurrencyColumn,
        [FromQuery(Name = "status_column")] string? StatusColumn, [FromQuery(Name = "time_column")] string? TimeColumn,
        [FromQuery(Name = "goal_column")] string? GoalColumn, [FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To,
        [FromQuery(Name = "goal")] string? Goal, [FromQuery(Name = "apply_statuses")] string? ApplyStatuses,
        [FromQuery(Name = "format")] string? Format);

    /// <summary>The form of an upload, for the API document: the file and, optionally, the same fields as the query.</summary>
    public sealed record ExportUpload(IFormFile File, string? OrderIdColumn, string? AmountColumn, string? From, string? To, string? ApplyStatuses);
}
