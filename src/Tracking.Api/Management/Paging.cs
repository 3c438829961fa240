using Tracking.Domain.Catalog;

namespace Tracking.Api.Management;

/// <summary>SPEC 7 lists: <c>{"items": [...], "next_cursor": "..." | null}</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary><c>limit</c> (default 100, at most 1000) and <c>cursor</c>, the previous page's <c>next_cursor</c>.</summary>
public readonly record struct PageRequest(int Limit, string? Cursor)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static PageRequest From(int? limit, string? cursor)
    {
        if (limit is < 1 or > MaxLimit) throw new DomainException("invalid_limit", $"limit is 1 to {MaxLimit}.");
        return new PageRequest(limit ?? DefaultLimit, string.IsNullOrEmpty(cursor) ? null : cursor);
    }

    /// <summary>The cursor of an integer-keyed list is the last id of the page.</summary>
    public int? IntCursor => Cursor is null ? null
        : int.TryParse(Cursor, out var id) && id >= 0 ? id
        : throw new DomainException("invalid_cursor", "cursor is not one this API returned.");

    /// <summary>Builds the page from up to <c>Limit + 1</c> rows fetched in key order.</summary>
    public Page<T> ToPage<T>(IReadOnlyList<T> rows, Func<T, string> key) =>
        rows.Count > Limit ? new Page<T>(rows.Take(Limit).ToList(), key(rows[Limit - 1])) : new Page<T>(rows, null);
}
