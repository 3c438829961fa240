using Tracking.Domain.Catalog;

namespace Tracking.Api.Features.Reconciliation;

/// <summary>
/// Which columns of the export hold what (issue 11.7), as the uploader names them (<c>order_id_column=Transaction ID</c>).
/// A column not named is looked up by its usual name (<c>order_id</c>, <c>event_id</c>, <c>amount</c>, <c>currency</c>,
/// <c>status</c>, <c>time</c>, <c>goal</c>); header names match ignoring case and surrounding spaces.
/// </summary>
public sealed record ExportColumns(string? OrderId, string? EventId, string? Amount, string? Currency, string? Status, string? Time, string? Goal)
{
    public static readonly ExportColumns Defaults = new(null, null, null, null, null, null, null);
}

/// <summary>The columns resolved against the header: field indexes, -1 for a column the export does not have.</summary>
public sealed record ExportLayout(int Key, bool ByEventId, int Amount, int Currency, int Status, int Time, int Goal, int FieldCount)
{
    public const string InvalidCsv = "invalid_csv";

    public string KeyName => ByEventId ? "event_id" : "order_id";

    public static ExportLayout Resolve(IReadOnlyList<string> header, ExportColumns columns)
    {
        int Find(string? mapped, string usual, string what)
        {
            if (string.IsNullOrWhiteSpace(mapped)) return IndexOf(header, usual);
            var index = IndexOf(header, mapped);
            return index >= 0 ? index
                : throw Invalid(1, $"the header has no column '{mapped.Trim()}' (given as the {what} column); it has: {string.Join(", ", header)}");
        }

        var byEventId = !string.IsNullOrWhiteSpace(columns.EventId)
            || string.IsNullOrWhiteSpace(columns.OrderId) && IndexOf(header, "order_id") < 0 && IndexOf(header, "event_id") >= 0;
        var key = byEventId ? Find(columns.EventId, "event_id", "event id") : Find(columns.OrderId, "order_id", "order id");
        if (key < 0)
            throw Invalid(1, $"no order id column: name it with order_id_column (or event_id_column); the header has: {string.Join(", ", header)}");
        return new(key, byEventId, Find(columns.Amount, "amount", "amount"), Find(columns.Currency, "currency", "currency"),
            Find(columns.Status, "status", "status"), Find(columns.Time, "time", "time"), Find(columns.Goal, "goal", "goal"), header.Count);
    }

    public static DomainException Invalid(long line, string problem) => new(InvalidCsv, $"line {line}: {problem}. Nothing was applied.");

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
            if (string.Equals(header[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
