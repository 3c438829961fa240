using System.Globalization;
using System.Text;

namespace Chaos;

/// <summary>The run as a markdown table, one row per fault, in the shape docs/reliability.md shows.</summary>
public static class Report
{
    public static string Markdown(IReadOnlyList<Phase> phases, Settings settings, string header)
    {
        var md = new StringBuilder();
        md.AppendLine(header).AppendLine();
        md.AppendLine("| fault | load held | acknowledged | lost | doubled | recovery | API peak RSS | notes | reproduce |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var p in phases)
        {
            var recovery = p.Recovery is { } r ? r.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : $"**not within {settings.RecoveryBound.TotalSeconds:0} s**";
            var lost = p.Lost + p.LostDeliveries == 0 ? "0" : $"**{p.Lost} hits, {p.LostDeliveries} deliveries**";
            var notes = new List<string>();
            if (p.ResentSameKey > 0) notes.Add($"{p.ResentSameKey} deliveries re-sent with the same Idempotency-Key");
            if (p.Note.Length > 0) notes.Add(p.Note);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Label} | {p.Load} | {p.Acknowledged} | {lost} | {(p.Doubled == 0 ? "0" : $"**{p.Doubled}**")} | {recovery} | {p.PeakApiRssMiB} MiB | {string.Join("; ", notes)} | `CHAOS_FAULTS={p.Key} bench/chaos.sh` |");
        }
        return md.ToString();
    }
}
