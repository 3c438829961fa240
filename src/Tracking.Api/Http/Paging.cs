using System.Globalization;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;

namespace Tracking.Api.Http;

/// <summary>SPEC 7 lists: <c>{"items": [...], "next_cursor": "..." | null}</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary><c>limit</c> (default 100, at most 1000) and <c>cursor</c>, the previous page's <c>next_cursor</c>.</summary>
public readonly record struct PageRequest(int Limit, string? Cursor)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const string InvalidLimit = "invalid_limit";
    public const string InvalidCursor = "invalid_cursor";

    /// <summary>The reasons every list can answer.</summary>
    public static readonly string[] Refusals = [InvalidLimit, InvalidCursor];

    /// <summary>
    /// From the raw query values, so that <c>limit=abc</c> is a 400 with <c>invalid_limit</c> rather than a binding failure
    /// without a reason.
    /// </summary>
    public static PageRequest Parse(string? limit, string? cursor)
    {
        if (string.IsNullOrEmpty(limit)) return From(null, cursor);
        if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new DomainException(InvalidLimit, $"limit is 1 to {MaxLimit}.");
        return From(n, cursor);
    }

    public static PageRequest From(int? limit, string? cursor)
    {
        if (limit is < 1 or > MaxLimit) throw new DomainException(InvalidLimit, $"limit is 1 to {MaxLimit}.");
        return new PageRequest(limit ?? DefaultLimit, string.IsNullOrEmpty(cursor) ? null : cursor);
    }

    /// <summary>The cursor of an integer-keyed list is the last id of the page.</summary>
    public int? IntCursor => Cursor is null ? null
        : int.TryParse(Cursor, out var id) && id >= 0 ? id
        : throw new DomainException(InvalidCursor, "cursor is not one this API returned.");

    /// <summary>The cursor of a list keyed by time-ordered string ids (hits, conversions, deliveries) is the last id of the page.</summary>
    public string? IdCursor => Cursor is null ? null
        : SortableId.IsWellFormed(Cursor) ? Cursor
        : throw new DomainException(InvalidCursor, "cursor is not one this API returned.");

    /// <summary>Builds the page from up to <c>Limit + 1</c> rows fetched in key order.</summary>
    public Page<T> ToPage<T>(IReadOnlyList<T> rows, Func<T, string> key) =>
        rows.Count > Limit ? new Page<T>(rows.Take(Limit).ToList(), key(rows[Limit - 1])) : new Page<T>(rows, null);
}
