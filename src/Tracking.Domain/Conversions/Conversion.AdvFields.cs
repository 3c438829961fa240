using Tracking.Domain.Hits;

namespace Tracking.Domain.Conversions;

/// <summary>
/// Issue 11.6: the advertiser's free fields <c>adv1..adv5</c> travel from the hits onto the conversion. Each field is kept
/// from the first hit that sent it (first writer wins, field by field): a later pixel or postback fills a field that is
/// still empty and never overwrites one, so what the conversion was created with stays what reports and forwarding show.
/// </summary>
public sealed partial class Conversion
{
    public string? Adv1 { get; private set; }
    public string? Adv2 { get; private set; }
    public string? Adv3 { get; private set; }
    public string? Adv4 { get; private set; }
    public string? Adv5 { get; private set; }

    private void KeepAdvFields(Hit hit)
    {
        Adv1 ??= hit.Adv1;
        Adv2 ??= hit.Adv2;
        Adv3 ??= hit.Adv3;
        Adv4 ??= hit.Adv4;
        Adv5 ??= hit.Adv5;
    }
}
