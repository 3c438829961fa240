namespace Tracking.Domain.Conversions;

public enum ConversionStatus { Approved, Pending, Rejected }

public enum MatchKind { Exact, Heuristic }

public enum Discrepancy { PixelOnly, PostbackOnly, AmountMismatch, CurrencyMismatch }

/// <summary>What the dedup key of a conversion was made of (SPEC 4.2); <c>None</c> for a many-per-click goal without ids.</summary>
public enum KeyKind { EventId, OrderId, ClickId, None }

public static class ConversionStatuses
{
    public static bool TryParse(string? text, out ConversionStatus status)
    {
        status = ConversionStatus.Approved;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "approved": status = ConversionStatus.Approved; return true;
            case "pending": status = ConversionStatus.Pending; return true;
            case "rejected": status = ConversionStatus.Rejected; return true;
            default: return false;
        }
    }
}
