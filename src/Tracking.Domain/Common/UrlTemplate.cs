using System.Text;

namespace Tracking.Domain.Common;

/// <summary>Fills <c>{macro}</c> placeholders of a URL template, URL-encoded; names outside the known set stay as written.</summary>
public static class UrlTemplate
{
    public static string Fill(string template, IReadOnlySet<string> known, Func<string, string?> value)
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
            if (known.Contains(name)) sb.Append(Uri.EscapeDataString(value(name) ?? ""));
            else sb.Append(template, open, close - open + 1);
            i = close + 1;
        }
        return sb.ToString();
    }

    /// <summary>The <c>{names}</c> of the template that are not in <paramref name="known"/>, in order of appearance.</summary>
    public static IReadOnlyList<string> Unknown(string template, IReadOnlySet<string> known)
    {
        var unknown = new List<string>();
        var i = 0;
        while (true)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0) return unknown;
            var name = template.Substring(open + 1, close - open - 1);
            if (!known.Contains(name) && !unknown.Contains(name)) unknown.Add(name);
            i = close + 1;
        }
    }
}
