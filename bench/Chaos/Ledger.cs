using System.Globalization;

namespace Chaos;

/// <summary>
/// After the run has drained: per phase, what the load sent and what came of it. Lost: an acknowledged postback whose hit
/// is missing or not decided into a conversion, or a conversion the partner never accepted. Doubled: a second conversion
/// for one order, a second delivery row for one conversion and template, or the partner accepting one conversion under
/// two different <c>Idempotency-Key</c>s. The same key accepted twice (a send whose answer was lost with a killed worker,
/// sent again) is counted apart: the key is there so that the partner can drop it.
/// </summary>
public static class Ledger
{
    public static async Task FillAsync(Phase phase, Database db, Traffic traffic, Partner partner)
    {
        var acknowledged = traffic.Acknowledged.Where(a => a.At >= phase.Started && a.At < phase.Ended).ToList();
        phase.Acknowledged = acknowledged.Count;
        phase.Load = Load(traffic.Answers.Where(a => a.At >= phase.Started && a.At < phase.Ended).ToList(), phase.Ended - phase.Started);
        if (acknowledged.Count == 0) return;

        var hits = await db.RowsAsync("SELECT id, outcome FROM hits WHERE id = ANY(@ids)", r => (Id: r.GetString(0), Outcome: r.IsDBNull(1) ? null : r.GetString(1)),
            ("ids", acknowledged.Select(a => a.HitId).ToArray()));
        var decided = hits.Where(h => h.Outcome is "converted" or "merged" or "duplicate").Select(h => h.Id).ToHashSet();
        phase.Lost = acknowledged.Count(a => !decided.Contains(a.HitId));

        var orders = acknowledged.Select(a => a.Order).Distinct().ToArray();
        var conversions = await db.RowsAsync("SELECT id, order_id FROM conversions WHERE order_id = ANY(@orders)",
            r => (Id: r.GetString(0), Order: r.GetString(1)), ("orders", orders));
        phase.LostDeliveries = conversions.Count(c => !partner.Accepted.ContainsKey(c.Id)) + orders.Length - conversions.Select(c => c.Order).Distinct().Count();
        var doubledConversions = conversions.Count - conversions.Select(c => c.Order).Distinct().Count();
        var rows = await db.RowsAsync("SELECT count(*) FROM deliveries WHERE conversion_id = ANY(@ids) GROUP BY conversion_id, template_id, kind",
            r => r.GetInt64(0), ("ids", conversions.Select(c => c.Id).ToArray()));
        var doubledRows = rows.Sum(n => n - 1);
        var keys = conversions.Select(c => partner.Accepted.TryGetValue(c.Id, out var k) ? k.ToList() : []).ToList();
        var doubledKeys = keys.Sum(k => Math.Max(0, k.Distinct().Count() - 1));
        phase.ResentSameKey = keys.Sum(k => k.Count - k.Distinct().Count());
        phase.Doubled = doubledConversions + (int)doubledRows + doubledKeys;
    }

    /// <summary>"118 req/s: 99.1% 200, 0 × 503, 12 unanswered".</summary>
    private static string Load(List<Sent> answers, TimeSpan window)
    {
        if (answers.Count == 0) return "no requests";
        var ok = answers.Count(a => a.Status is 200);
        var unavailable = answers.Count(a => a.Status == 503);
        var none = answers.Count(a => a.Status == 0);
        var other = answers.Count - ok - unavailable - none;
        return string.Create(CultureInfo.InvariantCulture,
            $"{answers.Count / window.TotalSeconds:0} req/s; {100.0 * ok / answers.Count:0.0}% 200, {unavailable} × 503, {none} unanswered{(other > 0 ? $", {other} other" : "")}");
    }
}
