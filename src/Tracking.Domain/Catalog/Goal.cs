using System.Text.RegularExpressions;

namespace Tracking.Domain.Catalog;

public sealed partial class Goal
{
    private static readonly HashSet<string> OncePerClickCodes = ["conversion", "install", "lead", "registration", "signup", "sale"];

    private Goal() { }

    internal Goal(string code, bool oncePerClick)
    {
        Code = code;
        OncePerClick = oncePerClick;
    }

    public int Id { get; private set; }
    public int OfferId { get; private set; }
    public string Code { get; private set; } = "";
    public bool OncePerClick { get; private set; }
    public decimal Revenue { get; private set; }
    public AmountKind RevenueKind { get; private set; }
    public decimal Payout { get; private set; }
    public AmountKind PayoutKind { get; private set; }

    public void SetPrice(decimal revenue, AmountKind revenueKind, decimal payout, AmountKind payoutKind)
    {
        if (revenue < 0 || payout < 0 || revenue > Common.Amounts.Max || payout > Common.Amounts.Max)
            throw new DomainException("invalid_amount", "revenue and payout are between 0 and 1e9.");
        if ((revenueKind == AmountKind.Percent && revenue > 1000) || (payoutKind == AmountKind.Percent && payout > 1000))
            throw new DomainException("invalid_amount", "a percentage is at most 1000.");
        (Revenue, RevenueKind, Payout, PayoutKind) = (revenue, revenueKind, payout, payoutKind);
    }

    public static bool IsOncePerClickByDefault(string code) => OncePerClickCodes.Contains(code);

    public static string NormalizeCode(string? code)
    {
        var c = code?.Trim().ToLowerInvariant() ?? "";
        if (!CodePattern().IsMatch(c))
            throw new DomainException("invalid_goal_code", "A goal code is 1 to 64 characters of a-z, 0-9, '_', '-' and '.'.");
        return c;
    }

    [GeneratedRegex("^[a-z0-9_.-]{1,64}$")]
    private static partial Regex CodePattern();
}
