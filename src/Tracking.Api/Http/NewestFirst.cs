using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tracking.Domain.Common;

namespace Tracking.Api.Http;

/// <summary>
/// Newest-first pages of a table keyed by <see cref="SortableId"/>s made from the same clock reading as its time column
/// (<c>hits.received_at</c>, <c>conversions.created_at</c>): an id's millisecond is its row's time, so a time range is an id
/// range and the other way round. Reading a filtered page as <c>ORDER BY id DESC LIMIT n</c> over every matching row makes
/// SQLite sort all of them when the filter goes through an index (an offer's 140,000 hits: 1 s); asked window by window
/// (the last hour, then the 4 before, then the 16 before, ...), each query sorts only its window's rows and the page is
/// usually full after the first. The windows are consecutive id ranges read newest first, so the rows, their order and the
/// next cursor are the same as the single query's; the time bounds beside the id bounds only let an index on the time
/// column narrow each window.
/// </summary>
internal static class NewestFirst
{
    private static readonly TimeSpan FirstWindow = TimeSpan.FromHours(1);

    /// <param name="rows">The filtered rows (cursor included).</param>
    /// <param name="id">The row's id.</param>
    /// <param name="time">The row's time column.</param>
    /// <param name="page">The page's query: order by id descending, take, project.</param>
    /// <param name="windows">How many windows before the rest is asked in one query.</param>
    /// <param name="rest">The same rows as <paramref name="rows"/> for that last query, when another shape of the filter suits it.</param>
    public static async Task<List<TOut>> PageAsync<T, TOut>(IQueryable<T> rows, Expression<Func<T, string>> id,
        Expression<Func<T, DateTime>> time, string? cursor, DateTime now, int take, Func<IQueryable<T>, int, IQueryable<TOut>> page,
        int windows, CancellationToken ct, IQueryable<T>? rest = null)
    {
        var result = new List<TOut>(take);
        // The first window ends after the cursor's millisecond (or now): rows newer than the cursor are not read again.
        DateTime? upper = cursor is null ? null : SortableId.TimeOf(cursor).AddMilliseconds(1);
        var start = Truncate(upper ?? now);
        var width = FirstWindow;
        for (var i = 0; i <= windows && result.Count < take; i++, width *= 4)
        {
            DateTime? lower = i == windows ? null : start - width;
            result.AddRange(await page(Window(lower is null ? rest ?? rows : rows, id, time, lower, upper), take - result.Count).ToListAsync(ct));
            if (lower is null) break;
            upper = lower;
        }
        return result;
    }

    private static IQueryable<T> Window<T>(IQueryable<T> rows, Expression<Func<T, string>> id, Expression<Func<T, DateTime>> time,
        DateTime? lower, DateTime? upper)
    {
        if (lower is { } lo) rows = rows.Where(Compare(id, SortableId.Floor(lo), ExpressionType.GreaterThanOrEqual))
            .Where(Compare(time, lo, ExpressionType.GreaterThanOrEqual));
        if (upper is { } hi) rows = rows.Where(Compare(id, SortableId.Floor(hi), ExpressionType.LessThan))
            .Where(Compare(time, hi, ExpressionType.LessThan));
        return rows;
    }

    /// <summary><c>row => string.Compare(row.Id, value) op 0</c> for ids (EF's translation of ordinal string order), <c>row.Time op value</c> for times.</summary>
    private static Expression<Func<T, bool>> Compare<T, TValue>(Expression<Func<T, TValue>> member, TValue value, ExpressionType op)
    {
        Expression constant = Expression.Property(Expression.Constant(new Boxed<TValue>(value)), nameof(Boxed<TValue>.Value));
        Expression left = member.Body, right = constant;
        if (typeof(TValue) == typeof(string))
        {
            left = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, member.Body, constant);
            right = Expression.Constant(0);
        }
        return Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(op, left, right), member.Parameters);
    }

    /// <summary>A captured value, so EF sends a parameter (one cached query plan) rather than a literal.</summary>
    private sealed class Boxed<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }

    private static DateTime Truncate(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
