using System.Text;

namespace Tracking.Domain.Catalog;

/// <summary>Fills <c>{macro}</c> placeholders of an offer's landing URL; unknown macros stay as written.</summary>
public static class LandingUrl
{
    public static readonly IReadOnlySet<string> Macros = new HashSet<string>(StringComparer.Ordinal)
    {
        "click_id", "offer_id", "aff_id", "sub1", "sub2", "sub3", "sub4", "sub5", "source",
    };

    public static string Fill(string template, Func<string, string?> value)
    {
        if (!template.Contains('{')) return template;
        var sb = new StringBuilder(template.Length + 64);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0) { sb.Append(template, i, template.Length - i); break; }
            sb.Append(template, i, open - i);
            var name = template.Substring(open + 1, close - open - 1);
            if (Macros.Contains(name)) sb.Append(Uri.EscapeDataString(value(name) ?? ""));
            else sb.Append(template, open, close - open + 1);
            i = close + 1;
        }
        return sb.ToString();
    }
}
