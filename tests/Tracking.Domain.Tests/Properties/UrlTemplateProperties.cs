using CsCheck;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;
using Tracking.Domain.Forwarding;
using Tracking.Testing;

namespace Tracking.Domain.Tests.Properties;

/// <summary>
/// Issue 12.6: URL templates (landing pages and affiliate postbacks) over generated templates and values. A value, whatever
/// it holds (<c>&amp;</c>, <c>#</c>, CR/LF, slashes, <c>@</c>, <c>//evil</c>), only ever fills its own place: the host, the
/// query's names and the fragment stay the template's.
/// </summary>
public sealed class UrlTemplateProperties
{
    private static readonly string[] Pieces =
    [
        "https://", "http://", "ftp://", "//", "shop.example", "evil.example", ".", "/", "?", "&", "=", "#", "@", ":", ":8080", "%2F", "\\",
        "a", "cid", "{click_id}", "{sub1}", "{sub2}", "{source}", "{offer_id}", "{aff_id}", "{amount}", "{status}", "{unknown}", "{", "}",
    ];

    private static readonly Gen<string> Template = Gen.OneOf(
        Gen.Int[0, Pieces.Length - 1].Array[1, 12].Select(ix => string.Concat(ix.Select(i => Pieces[i]))),
        Gen.Int[0, Pieces.Length - 1].Array[1, 10].Select(ix => "https://shop.example" + string.Concat(ix.Select(i => Pieces[i]))),
        Gen.Int[0, Pieces.Length - 1].Array[1, 6].Select(ix => "https://" + string.Concat(ix.Select(i => Pieces[i])) + "/landing?c={click_id}"));

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.String,
        Gen.Int[0, Pieces.Length - 1].Array[0, 6].Select(ix => string.Concat(ix.Select(i => Pieces[i]))),
        Gen.String[Gen.Char["&#?/\\@:\r\n\t %.{}evil"], 0, 20]);

    [Fact]
    public void ALandingUrlKeepsItsSchemeHostQueryNamesAndFragmentWhateverTheClickCarries() =>
        Sampled.Check(Gen.Select(Template, Value.Array[9]), t =>
        {
            var (template, values) = t;
            if (Accepted(() => CatalogRules.RequireLandingUrl(template)) is not { } landing) return;
            var filled = LandingUrl.Fill(landing, Of(LandingUrl.Macros, values));
            AssertSameShape(LandingUrl.Fill(landing, _ => "x"), filled);
        }, iter: 20_000);

    [Fact]
    public void APostbackTemplateKeepsItsSchemeHostQueryNamesAndFragmentWhateverTheConversionCarries() =>
        Sampled.Check(Gen.Select(Template, Value.Array[23]), t =>
        {
            var (template, values) = t;
            if (Accepted(() => ForwardingMacros.RequireTemplate(template, "url")) is not { } url) return;
            var names = ForwardingMacros.Names.ToArray();
            var filled = ForwardingMacros.Expand(url, names.Select((n, i) => (n, values[i])).ToDictionary(p => p.n, p => (string?)p.Item2));
            AssertSameShape(ForwardingMacros.Expand(url, names.ToDictionary(n => n, _ => (string?)"x")), filled);
        }, iter: 20_000);

    [Fact]
    public void FillingWithNoKnownMacroLeavesATemplateAsWrittenAndAValueAddsOnlyUnreservedCharactersAndEscapes() =>
        Sampled.Check(Gen.Select(Gen.String, Value), t =>
        {
            var (template, value) = t;
            Assert.Equal(template, UrlTemplate.Fill(template, new HashSet<string>(), _ => value));
            var filled = UrlTemplate.Fill("{v}", new HashSet<string> { "v" }, _ => value);
            Assert.Matches("^([A-Za-z0-9._~-]|%[0-9A-F]{2})*$", filled);
            Assert.Equal(value.Replace('\ud800', '\ufffd'), Uri.UnescapeDataString(filled).Replace('\ud800', '\ufffd'), ignoreLineEndingDifferences: false);
        }, iter: 5_000);

    /// <summary>Same scheme, host and port; not one more delimiter (so the same path segments, query fields and fragment); no control character.</summary>
    private static void AssertSameShape(string probe, string filled)
    {
        var expected = new Uri(probe);
        Assert.True(Uri.TryCreate(filled, UriKind.Absolute, out var actual), filled);
        Assert.Equal((expected.Scheme, expected.IdnHost, expected.Port), (actual.Scheme, actual.IdnHost, actual.Port));
        foreach (var delimiter in "/?#[]@!$&'()*+,;=\\")
            Assert.Equal(probe.Count(ch => ch == delimiter), filled.Count(ch => ch == delimiter));
        Assert.DoesNotContain(filled, char.IsControl);
    }

    private static Func<string, string?> Of(IReadOnlySet<string> names, string[] values)
    {
        var map = names.Order(StringComparer.Ordinal).Select((n, i) => (n, values[i % values.Length])).ToDictionary(p => p.n, p => p.Item2);
        return name => map[name];
    }

    private static string? Accepted(Func<string> rule)
    {
        try
        {
            return rule();
        }
        catch (DomainException)
        {
            return null;
        }
    }
}
