using System.Net;
using Tracking.Domain.Catalog;
using Tracking.Domain.UseCases.ReceiveConversion;

namespace Tracking.Domain.Tests;

/// <summary>Issue 12.1: allowed IP ranges and the canonical request of a postback signature.</summary>
public sealed class InboundRuleTests
{
    [Theory]
    [InlineData("203.0.113.77", true)]
    [InlineData("203.0.114.1", false)]
    [InlineData("::ffff:203.0.113.5", true)]
    [InlineData("2001:db8:1::9", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("198.51.100.7", true)]
    [InlineData("198.51.100.8", false)]
    public void AnAddressIsAllowedWhenOneRangeContainsIt(string address, bool allowed)
    {
        var networks = IpAllowlist.Networks(IpAllowlist.Normalize(["203.0.113.0/24", "2001:DB8::/32", "198.51.100.7"]));
        Assert.Equal(allowed, IpAllowlist.Allows(networks, IPAddress.Parse(address)));
    }

    [Fact]
    public void AnEmptyListAllowsAnyAddressAndAnUnknownAddressIsNotInAList()
    {
        Assert.True(IpAllowlist.Allows([], IPAddress.Parse("192.0.2.1")));
        Assert.False(IpAllowlist.Allows(IpAllowlist.Networks(["10.0.0.0/8"]), null));
    }

    [Theory]
    [InlineData("b=2&a=1", "a=1&b=2")]
    [InlineData("a=2&a=1&a", "a=&a=1&a=2")]
    [InlineData("q=a+b&r=%7e%2a&s=caf%C3%A9", "q=a%20b&r=~%2A&s=caf%C3%A9")]
    [InlineData("name=K 1&x", "name=K%201&x=")]
    [InlineData("", "")]
    public void TheCanonicalQueryIsDecodedReEncodedAsRfc3986AndSorted(string query, string canonical) =>
        Assert.Equal(canonical, PostbackSignature.CanonicalQuery(query));

    [Fact]
    public void ASignatureIsCheckedAgainstEverySecretAndTheTolerance()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var request = new SignedRequest(null, "GET", "/postback", "click_id=x&goal=purchase", ReadOnlyMemory<byte>.Empty);
        string Header(string secret, long t) => $"t={t},v1={PostbackSignature.Compute(secret, t, request)}";

        Assert.True(PostbackSignature.Verify(request with { Header = Header("old", 1_800_000_000) }, ["new", "old"], now).Valid);
        Assert.True(PostbackSignature.Verify(request with { Header = Header("new", 1_800_000_300) }, ["new"], now).Valid);
        Assert.False(PostbackSignature.Verify(request with { Header = Header("new", 1_799_999_699) }, ["new"], now).Valid);
        Assert.False(PostbackSignature.Verify(request with { Header = Header("other", 1_800_000_000) }, ["new"], now).Valid);
        Assert.False(PostbackSignature.Verify(request with { Header = Header("new", 1_800_000_000) }, [], now).Valid);
    }
}
