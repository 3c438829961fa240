namespace Tracking.Domain.Conversions;

/// <summary>One entry of a conversion's status history.</summary>
public sealed class StatusChange
{
    private StatusChange() { }

    internal StatusChange(ConversionStatus? from, ConversionStatus to, DateTime at, string source, decimal? revenue = null, decimal? payout = null)
    {
        (From, To, At, Source, Revenue, Payout) = (from, to, at, source, revenue, payout);
    }

    public long Id { get; private set; }
    public string ConversionId { get; private set; } = "";
    public ConversionStatus? From { get; private set; }
    public ConversionStatus To { get; private set; }
    public DateTime At { get; private set; }
    /// <summary><c>hit:{id}</c> (the hit that created or changed it) or <c>api</c>.</summary>
    public string Source { get; private set; } = "";
    /// <summary>The conversion's revenue and payout after this change; set when a postback changed them (issue 11.3) and on creation.</summary>
    public decimal? Revenue { get; private set; }
    public decimal? Payout { get; private set; }
}
