using Mediator;
using Microsoft.AspNetCore.Mvc;
using Tracking.Api.Access;
using Tracking.Api.Features.Offers;
using Tracking.Api.Features.Reconciliation;
using Tracking.Api.Http;

namespace Tracking.Api.Dashboard.Pages.Offers;

/// <summary>
/// Issue 11.7 in the console: upload the advertiser's export for the offer, name its columns, and see what matches and what
/// differs; apply its statuses (admin, the offer's advertiser) or download the result as CSV. The same use case as the API's.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = $"{Roles.Admin},{Roles.Analyst},{Roles.Advertiser}")]
[RequestSizeLimit(ExportReconciliationEndpoints.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ExportReconciliationEndpoints.MaxBytes)]
public sealed class ReconcileModel(ISender sender) : ConsolePageModel(sender)
{
    /// <summary>How many lines of the result the page shows; the CSV download has them all.</summary>
    public const int Shown = 500;

    public OfferDto Offer { get; private set; } = null!;
    public ExportReconciliation? Result { get; private set; }
    public Upload Form { get; private set; } = Upload.Empty;

    public bool MayApply => Me.Role is Roles.Admin or Roles.Advertiser;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var offer = await Sender.Send(new GetOffer(id), ct);
        if (offer is null) return NotFoundPage();
        Offer = offer;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, Upload form, IFormFile? file, CancellationToken ct)
    {
        Form = form;
        Result = await TryAsync(async () => await RunAsync(id, form, file, form.ApplyStatuses == true, ct));
        if (Result is not null && form.ApplyStatuses == true) Notice = $"{Result.Summary.Applied} statuses applied from the export.";
        return await OnGetAsync(id, ct);
    }

    /// <summary>The same reconciliation as CSV, never applying statuses.</summary>
    public async Task<IActionResult> OnPostCsvAsync(int id, Upload form, IFormFile? file, CancellationToken ct)
    {
        Form = form;
        var report = await TryAsync(async () => await RunAsync(id, form, file, false, ct));
        if (report is null) return await OnGetAsync(id, ct);
        return new CsvDownload(report, $"reconciliation-offer-{id}.csv");
    }

    private async Task<ExportReconciliation> RunAsync(int id, Upload form, IFormFile? file, bool apply, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            throw new Domain.Catalog.DomainException(ExportLayout.InvalidCsv, "Choose the export file (CSV) to upload.");
        await using var csv = file.OpenReadStream();
        var columns = new ExportColumns(form.OrderIdColumn, form.EventIdColumn, form.AmountColumn, form.CurrencyColumn, form.StatusColumn,
            form.TimeColumn, form.GoalColumn);
        return await Sender.Send(new ReconcileExport(id, csv, columns, form.From, form.To, form.Goal, apply), ct)
            ?? throw new Domain.Catalog.DomainException(Problems.NotFound, $"No offer has the id {id}.");
    }

    /// <summary>Writes the CSV to the response once the page's filters have set their headers.</summary>
    private sealed class CsvDownload(ExportReconciliation report, string fileName) : ActionResult
    {
        public override async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.ContentType = CsvFiles.ContentType;
            response.Headers.ContentDisposition = $"attachment; filename={fileName}";
            await ExportReconciliationCsv.WriteAsync(report, response.Body, context.HttpContext.RequestAborted);
        }
    }

    public sealed record Upload(string? OrderIdColumn, string? EventIdColumn, string? AmountColumn, string? CurrencyColumn, string? StatusColumn,
        string? TimeColumn, string? GoalColumn, string? From, string? To, string? Goal, bool? ApplyStatuses)
    {
        public static readonly Upload Empty = new(null, null, null, null, null, null, null, null, null, null, null);
    }
}
