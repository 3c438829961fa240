using System.Globalization;
using System.Numerics;
using CsCheck;
using Tracking.Domain.Common;
using Tracking.Testing;

namespace Tracking.Domain.Tests.Properties;

/// <summary>Issue 12.6: amounts and currencies as sent on a URL.</summary>
public sealed class AmountProperties
{
    private static readonly Gen<string> AmountText = Gen.OneOf(
        Gen.String[Gen.Char["0123456789. "], 0, 26],
        Gen.String[Gen.Char["0123456789.,-+eE \t\u00a0\u0661\uff11x"], 0, 14],
        Gen.Decimal.Select(d => d.ToString(CultureInfo.InvariantCulture)));

    [Fact]
    public void AnAmountIsAcceptedExactlyWhenItIsDigitsADotAtMostFourDecimalsAndAtMostOneBillion() =>
        Sampled.Check(AmountText, text =>
        {
            var accepted = Amounts.TryParse(text, out var amount);
            var expected = Model(text);
            Assert.Equal(expected.Accepted, accepted);
            if (accepted) Assert.Equal(expected.Value, amount);
        }, iter: 10_000);

    [Fact]
    public void AnAmountWrittenAsTheApiWritesItReadsBackTheSame() =>
        Sampled.Check(Gen.Long[0, 10_000_000_000_000].Select(n => n / 10_000m), amount =>
        {
            foreach (var text in new[] { amount.ToString("0.####", CultureInfo.InvariantCulture), amount.ToString(CultureInfo.InvariantCulture) })
            {
                Assert.True(Amounts.TryParse(text, out var read), text);
                Assert.Equal(amount, read);
            }
        });

    [Fact]
    public void AmountsAgreeBothWaysAndWithThemselves() =>
        Sampled.Check(Gen.Select(Gen.Decimal[0m, 1_000_000_000m].Nullable(), Gen.Decimal[0m, 1_000_000_000m].Nullable()), t =>
        {
            Assert.Equal(Amounts.Agree(t.Item1, t.Item2), Amounts.Agree(t.Item2, t.Item1));
            Assert.True(Amounts.Agree(t.Item1, t.Item1));
        });

    [Fact]
    public void ACurrencyIsAcceptedInAnyCaseOnlyAsItsIsoCodeAndNormalisingTwiceChangesNothing() =>
        Sampled.Check(Gen.OneOf(LookAlike, Gen.String[Gen.Char["usdeurjpyxıſkK \u212a"], 2, 5], Gen.String), code =>
        {
            if (!Currencies.TryNormalize(code, out var normalized)) return;
            Assert.Matches("^[A-Z]{3}$", normalized);
            Assert.Equal(normalized, code.Trim().ToUpperInvariant());
            Assert.True(code.Trim().All(char.IsAsciiLetter), $"'{code}' was read as {normalized}");
            Assert.True(Currencies.TryNormalize(normalized, out var again));
            Assert.Equal(normalized, again);
        }, iter: 10_000);

    /// <summary>Real codes in any case, some letters swapped for look-alikes that some cultures upper-case to ASCII (dotless ı, long ſ, the Kelvin sign).</summary>
    private static readonly Gen<string> LookAlike =
        Gen.Select(Gen.Int[0, 6].Select(i => new[] { "USD", "IDR", "SEK", "KES", "ISK", "KRW", "eur" }[i]), Gen.Int[0, 5].Array[3], Gen.Bool).Select(t => (t.Item3 ? " " : "") + string.Concat(
            t.Item1.Select((ch, i) => (ch, t.Item2[i]) switch
            {
                ('I' or 'i', 0) => 'ı',
                ('S' or 's', 0) => 'ſ',
                ('K' or 'k', 0) => '\u212a',
                (_, 1) => char.ToLowerInvariant(ch),
                _ => ch,
            })));

    /// <summary>The documented grammar, written apart from the code: trimmed, digits with an optional dot, value in [0, 1e9], at most 4 significant decimals.</summary>
    private static (bool Accepted, decimal? Value) Model(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (true, null);
        var t = text.Trim();
        if (text.Length > 24 || t.Count(ch => ch == '.') > 1 || t == "." || !t.All(ch => ch is >= '0' and <= '9' or '.')) return (false, null);
        var parts = t.Split('.');
        var whole = parts[0].Length == 0 ? BigInteger.Zero : BigInteger.Parse(parts[0], CultureInfo.InvariantCulture);
        var fraction = parts.Length > 1 ? parts[1].TrimEnd('0') : "";
        if (fraction.Length > 4 || whole > 1_000_000_000 || whole == 1_000_000_000 && fraction.Length > 0) return (false, null);
        return (true, (decimal)whole + (fraction.Length == 0 ? 0m : decimal.Parse("0." + fraction, CultureInfo.InvariantCulture)));
    }
}
