namespace Tracking.Infrastructure.Limits;

/// <summary>
/// Requests a rate limit refused in one minute, at one endpoint, from one partition (an address, an advertiser, a key): a
/// count and the first one as a sample, instead of a hit row each, so a flood cannot turn the hit log into the flood.
/// One row per flush of the in-memory counts (<see cref="RefusalLog"/>); readers add up the rows of a minute.
/// </summary>
public sealed class RefusedRequest
{
    private RefusedRequest() { }

    public RefusedRequest(DateTime minute, string endpoint, string partition, long count, string sampleUrl, string? sampleAddress,
        string? sampleUserAgent) =>
        (Minute, Endpoint, Partition, Count, SampleUrl, SampleAddress, SampleUserAgent) =
        (minute, endpoint, partition, count, sampleUrl, sampleAddress, sampleUserAgent);

    public long Id { get; private set; }
    /// <summary>The start of the minute (UTC).</summary>
    public DateTime Minute { get; private set; }
    /// <summary><c>click</c>, <c>pixel</c>, <c>collect</c>, <c>postback</c> or <c>api</c>.</summary>
    public string Endpoint { get; private set; } = "";
    /// <summary><c>address:…</c>, <c>advertiser:…</c>, <c>key:…</c>, or <c>other</c> past the partitions kept apart.</summary>
    public string Partition { get; private set; } = "";
    public long Count { get; private set; }
    /// <summary>Path and query of the first refused request (a <c>token</c> value is masked), cut to 512 characters.</summary>
    public string SampleUrl { get; private set; } = "";
    public string? SampleAddress { get; private set; }
    public string? SampleUserAgent { get; private set; }

    public const int UrlLength = 512;
    public const int UserAgentLength = 256;
}
