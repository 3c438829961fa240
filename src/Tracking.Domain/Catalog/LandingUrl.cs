using Tracking.Domain.Common;

namespace Tracking.Domain.Catalog;

/// <summary>Fills <c>{macro}</c> placeholders of an offer's landing URL; unknown macros stay as written.</summary>
public static class LandingUrl
{
    public static readonly IReadOnlySet<string> Macros = new HashSet<string>(StringComparer.Ordinal)
    {
        "click_id", "offer_id", "aff_id", "sub1", "sub2", "sub3", "sub4", "sub5", "source",
    };

    public static string Fill(string template, Func<string, string?> value) => UrlTemplate.Fill(template, Macros, value);
}
